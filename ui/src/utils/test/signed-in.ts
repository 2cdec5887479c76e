/**
 * The clean slate every page test starts from: no storage, no cached library, follows, trending or
 * toasts, English, signed in as alice — and, after it, signed out with globals and the page gone.
 */
import { vi } from "vitest";
import { setLocale } from "@/i18n/index.js";
import { follows } from "@/stores/follows.js";
import { library } from "@/stores/library.js";
import { session } from "@/stores/session.js";
import { toasts } from "@/stores/toasts.js";
import { clearTrendingCache } from "@/stores/trending.js";
import { freshToken } from "./fixtures.js";

export async function signedInAsAlice(): Promise<void> {
  localStorage.clear();
  library.clear();
  follows.clear();
  clearTrendingCache();
  toasts.clear();
  session.start(freshToken(), "alice");
  await setLocale("en", { persist: false });
}

export function signedOutAndCleared(): void {
  session.end("logout");
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
}
