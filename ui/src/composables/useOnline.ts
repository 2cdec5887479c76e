/**
 * Whether the browser is online, from `navigator.onLine` and the window's `online`/`offline`
 * events. One listener pair for the whole app (installed on first use, kept for its lifetime):
 * the banner, the header's bell and every Request button read the same value.
 */
import { readonly, ref, type Ref } from "vue";

const online = ref(typeof navigator === "undefined" || navigator.onLine !== false);
let listening = false;

export function useOnline(): Readonly<Ref<boolean>> {
  if (!listening && typeof window !== "undefined") {
    listening = true;
    // The event says which way it went; `navigator.onLine` is read once, at start.
    window.addEventListener("online", () => (online.value = true));
    window.addEventListener("offline", () => (online.value = false));
  }
  return readonly(online);
}
