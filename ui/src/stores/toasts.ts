/**
 * Toasts: short messages announced to screen readers by the toast region; errors stay longer. A
 * toast belongs to the page it was shown on: moving to another page dismisses it (`dismissBefore`),
 * except one about the app (by default one with an action, e.g. "new version — Reload"). An action
 * about the page (e.g. "Notify me too" on a duplicate request) passes `keep: false` and a timeout.
 */
import { reactive } from "vue";

export type ToastKind = "success" | "error" | "info";

export interface ToastAction {
  label: string;
  run(): void;
}

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  action?: ToastAction;
  /** Survives a move to another page. */
  keep: boolean;
}

let nextId = 1;
const list = reactive<Toast[]>([]);
const timers = new Map<number, ReturnType<typeof setTimeout>>();

export const toasts = {
  list,
  show(kind: ToastKind, message: string, options: { action?: ToastAction; timeoutMs?: number; keep?: boolean } = {}): number {
    const id = nextId++;
    list.push({ id, kind, message, action: options.action, keep: options.keep ?? !!options.action });
    // Keep at most five on screen.
    while (list.length > 5) toasts.dismiss(list[0]!.id);
    const timeout = options.timeoutMs ?? (options.action ? 0 : kind === "error" ? 6000 : 3500);
    if (timeout > 0)
      timers.set(
        id,
        setTimeout(() => toasts.dismiss(id), timeout),
      );
    return id;
  },
  success: (message: string) => toasts.show("success", message),
  error: (message: string) => toasts.show("error", message),
  info: (message: string) => toasts.show("info", message),
  dismiss(id: number): void {
    const timer = timers.get(id);
    if (timer) clearTimeout(timer);
    timers.delete(id);
    const index = list.findIndex((toast) => toast.id === id);
    if (index >= 0) list.splice(index, 1);
  },
  /** The id the next toast will get: toasts shown from now on have this id or a later one. */
  mark(): number {
    return nextId;
  },
  /** Dismisses the toasts shown before `mark` (a page left behind), except those about the app (`keep`). */
  dismissBefore(mark: number): void {
    for (const toast of [...list]) if (toast.id < mark && !toast.keep) toasts.dismiss(toast.id);
  },
  clear(): void {
    for (const toast of [...list]) toasts.dismiss(toast.id);
  },
};
