import { START_LOCATION, createRouter, createWebHistory, type RouteLocationRaw, type Router, type RouterHistory } from "vue-router";
import { session } from "@/stores/session.js";
import HomeView from "@/views/HomeView.vue";

/** Every route name; `RouterLink`s and pushes go through `to()` so a typo fails the type check. */
export type AppRouteName = "home" | "login" | "requests" | "channels" | "not-found";

export const to = (name: AppRouteName, extra: { query?: Record<string, string> } = {}): RouteLocationRaw => ({ name, ...extra });

declare module "vue-router" {
  interface RouteMeta {
    /** Needs a session; otherwise the login screen is shown with a redirect back. */
    auth?: boolean;
  }
}

export function createAppRouter(history: RouterHistory = createWebHistory()): Router {
  const router = createRouter({
    history,
    routes: [
      // The first view is in the entry chunk; every other route is its own chunk.
      { path: "/", name: "home", component: HomeView, meta: { auth: true } },
      { path: "/login", name: "login", component: () => import("@/views/LoginView.vue") },
      { path: "/requests", name: "requests", component: () => import("@/views/RequestsView.vue"), meta: { auth: true } },
      { path: "/channels", name: "channels", component: () => import("@/views/ChannelsView.vue"), meta: { auth: true } },
      { path: "/:pathMatch(.*)*", name: "not-found", component: () => import("@/views/NotFoundView.vue") },
    ],
    // The first navigation starts at the top anyway; scrolling there would force a synchronous layout
    // of the freshly rendered page (a forced reflow inside the first long task).
    scrollBehavior: (_to, from, saved) => {
      if (from === START_LOCATION && !saved?.top && !saved?.left) return false;
      return saved ?? { top: 0 };
    },
  });

  router.beforeEach((target) => {
    const authenticated = session.isAuthenticated.value;
    if (target.meta.auth && !authenticated) {
      return target.fullPath === "/" ? { name: "login" } : { name: "login", query: { redirect: target.fullPath } };
    }
    if (target.name === "login" && authenticated) return safeRedirect(target.query.redirect);
    return true;
  });

  // After a deployment an open tab may ask for a chunk that no longer exists: load the new version.
  router.onError((error: unknown, target) => {
    if (error instanceof Error && /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(error.message)) {
      window.location.assign(target.fullPath);
    }
  });
  return router;
}

/** Only same-app paths are followed after login (no open redirect). */
export function safeRedirect(value: unknown): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : "/";
}
