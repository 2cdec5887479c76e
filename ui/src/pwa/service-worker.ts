/**
 * Registers `/sw.js` (offline shell + push). Registered at start for everyone, not only after
 * login, so enabling push right after a fresh login never waits for a worker that does not exist
 * (the original Stellarr never unsubscribed the browser). Registration waits for the page's `load`
 * event; callers that ask earlier (the push toggle) wait for the decision.
 */
import { t } from "@/i18n/index.js";
import { toasts } from "@/stores/toasts.js";

type Registration = ServiceWorkerRegistration | null;

let settle!: (value: Registration | PromiseLike<Registration>) => void;
const registration = new Promise<Registration>((resolve) => (settle = resolve));
let started = false;

export function serviceWorkerSupported(): boolean {
  return typeof navigator !== "undefined" && "serviceWorker" in navigator && window.isSecureContext;
}

/** For builds without a service worker (the dev server): nobody waits for one. */
export function skipServiceWorker(): void {
  started = true;
  settle(null);
}

export function registerServiceWorker(): Promise<Registration> {
  if (started) return registration;
  started = true;
  if (!serviceWorkerSupported()) {
    settle(null);
    return registration;
  }
  const hadController = navigator.serviceWorker.controller !== null;
  settle(navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => null));
  // A new worker took over (a new deployment): this page still runs the old code, offer a reload.
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!hadController) return;
    toasts.show("info", t("app.updateAvailable"), { action: { label: t("app.reload"), run: () => window.location.reload() } });
  });
  return registration;
}

/** The active registration, or null when there is none (dev server, unsupported browser). */
export async function activeRegistration(): Promise<Registration> {
  const reg = await registration;
  if (!reg) return null;
  if (reg.active) return reg;
  return navigator.serviceWorker.ready;
}
