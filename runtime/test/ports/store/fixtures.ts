/** What every store contract file shares: the clock origin, a request to insert, and a fresh store per test. */
import { afterEach, beforeEach } from "vitest";
import type { Store } from "../../../src/ports/store/index.js";
import type { NewRequest } from "../../../src/ports/store/requests.js";
import type { StoreFactory } from "@stellarr/testkit/stores";

export const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
export const HOUR = 3600_000;

export function newRequest(overrides: Partial<NewRequest> = {}): NewRequest {
  return {
    tmdb_id: 603,
    media_type: "movie",
    title: "The Matrix",
    year: 1999,
    overview: "A hacker learns the truth.",
    poster_path: "/p.jpg",
    imdb_id: "tt0133093",
    tvdb_id: null,
    requested_by: "alice",
    created_at: new Date(T0).toISOString(),
    ...overrides,
  };
}

/** A fresh store from `factory` before each test of the enclosing `describe`, handed to `use`; cleaned up after. */
export function useStore(factory: StoreFactory, use: (store: Store) => void): void {
  let cleanup: (() => Promise<void>) | null = null;
  beforeEach(async () => {
    const made = await factory.create();
    cleanup = made.cleanup;
    use(made.store);
  });
  afterEach(async () => {
    await cleanup?.();
    cleanup = null;
  });
}
