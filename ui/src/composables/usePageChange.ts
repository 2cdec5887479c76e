/**
 * What moving to another page does (another path: the requests page's filters only change the
 * query, and the first load is no move): the toasts of the page left behind are dismissed, and
 * focus goes to the new page's heading, so a screen reader says where the user now is and Tab
 * continues from the top of the page, not from a link that no longer exists.
 */
import { nextTick, onScopeDispose } from "vue";
import { START_LOCATION, type Router } from "vue-router";
import { toasts } from "@/stores/toasts.js";

/** Focuses the page's `<h1>` (or `main` when a page has none) without scrolling. */
export function focusPageHeading(): void {
  const main = document.getElementById("main");
  const target = main?.querySelector<HTMLElement>("h1") ?? main;
  if (!target) return;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
}

export function usePageChange(router: Router): void {
  // Toasts shown once the navigation has started (e.g. "Welcome" after signing in) belong to the new page.
  let mark = 0;
  const stopBefore = router.beforeEach(() => {
    mark = toasts.mark();
  });
  const stopAfter = router.afterEach((to, from, failure) => {
    if (failure || from === START_LOCATION || to.path === from.path) return;
    toasts.dismissBefore(mark);
    // The new view renders in the next flush.
    void nextTick(focusPageHeading);
  });
  onScopeDispose(() => {
    stopBefore();
    stopAfter();
  });
}
