/**
 * The session: the verified token and name, persisted in localStorage. A token is `ts.name.mac`
 * (product.md §3); its issue time tells when it expires (30 days), so an old token is dropped at
 * load instead of waiting for the first 401.
 */
import { computed, reactive } from "vue";
import { readJson, removeKey, writeJson } from "./storage.js";

const KEY = "stellarr.session";
export const SESSION_DAYS = 30;

interface StoredSession {
  token: string;
  name: string;
}

export type EndReason = "logout" | "expired";

const state = reactive({
  token: null as string | null,
  name: null as string | null,
  /** Why the last session ended, for the login screen's message. */
  ended: null as EndReason | null,
});

/** Unix seconds the token was issued at, or null when it does not look like a three-part token. */
export function tokenIssuedAt(token: string): number | null {
  const parts = token.split(".");
  if (parts.length !== 3 || !/^\d+$/.test(parts[0] ?? "")) return null;
  return Number(parts[0]);
}

export function isTokenFresh(token: string, nowMs = Date.now()): boolean {
  const issued = tokenIssuedAt(token);
  return issued !== null && nowMs / 1000 - issued < SESSION_DAYS * 86400;
}

const endListeners = new Set<(reason: EndReason) => void>();

export const session = {
  state,
  isAuthenticated: computed(() => state.token !== null),
  /** Loads the persisted session; drops it when malformed or expired. */
  restore(nowMs = Date.now()): void {
    const stored = readJson<StoredSession>(KEY);
    if (stored && typeof stored.token === "string" && typeof stored.name === "string" && isTokenFresh(stored.token, nowMs)) {
      state.token = stored.token;
      state.name = stored.name;
    } else {
      state.token = null;
      state.name = null;
      if (stored) removeKey(KEY);
    }
  },
  start(token: string, name: string): void {
    state.token = token;
    state.name = name;
    state.ended = null;
    writeJson(KEY, { token, name } satisfies StoredSession);
  },
  end(reason: EndReason): void {
    if (state.token === null) return;
    state.token = null;
    state.name = null;
    state.ended = reason;
    removeKey(KEY);
    for (const listener of endListeners) listener(reason);
  },
  /** Called once per ended session (logout or a 401), e.g. to clear caches and go to the login screen. */
  onEnd(listener: (reason: EndReason) => void): () => void {
    endListeners.add(listener);
    return () => endListeners.delete(listener);
  },
};
