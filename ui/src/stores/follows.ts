/**
 * The titles the signed-in name follows ("Notify me too" on someone else's request), so a search or
 * trending card can say so. The server's list (`GET /api/follows`) is read after sign-in and with
 * every library-status load and replaces what was known, so a follow made on another device shows
 * too; in between, this browser's follow calls and every requests page read (each request's
 * `followers`) update it at once. Kept in localStorage for that name; forgotten when the session
 * ends.
 */
import { ref } from "vue";
import { fetchFollows } from "@/api/index.js";
import type { ListedRequest, MediaType } from "@/api/types.js";
import { readJson, removeKey, writeJson } from "./storage.js";

const KEY = "stellarr.following";
/** A name follows a handful of titles; the oldest go first past this (the server stays the truth). */
const MAX = 500;

interface Cached {
  name: string;
  keys: string[];
}

const key = (type: MediaType, id: number): string => `${type}:${id}`;

// Plain state with one reactive counter: reading the cache inside a render must not write a ref.
const version = ref(0);
let owner: string | null = null;
let keys = new Set<string>();
/** The load in flight and what changed locally since it started (its answer may predate them). */
let loading: { name: string; done: Promise<void>; since: Map<string, boolean> } | null = null;

function forName(name: string): Set<string> {
  if (owner !== name) {
    const cached = readJson<Cached>(KEY);
    const stored = cached && cached.name === name && Array.isArray(cached.keys) ? cached.keys : [];
    keys = new Set(stored.filter((k): k is string => typeof k === "string"));
    owner = name;
  }
  return keys;
}

function save(name: string, next: Set<string>): void {
  const list = [...next].slice(-MAX);
  keys = new Set(list);
  owner = name;
  version.value++;
  writeJson(KEY, { name, keys: list } satisfies Cached);
}

/** Applies one title's state, remembering it for a load in flight so its older answer cannot undo it. */
function change(name: string, next: Set<string>, k: string, following: boolean): void {
  if (following) next.add(k);
  else next.delete(k);
  if (loading?.name === name) loading.since.set(k, following);
}

export const follows = {
  isFollowing(name: string | null, type: MediaType, id: number): boolean {
    void version.value;
    return !!name && forName(name).has(key(type, id));
  },
  /** After the server confirmed a follow (`true`) or an unfollow. */
  set(name: string, type: MediaType, id: number, following: boolean): void {
    const next = new Set(forName(name));
    change(name, next, key(type, id), following);
    save(name, next);
  },
  /** What a page of requests says: the name is among each one's followers, or it is not. */
  learn(name: string, requests: readonly Pick<ListedRequest, "media_type" | "tmdb_id" | "followers">[]): void {
    const current = forName(name);
    const next = new Set(current);
    for (const r of requests) {
      // A response without the list (an older server) says nothing either way.
      if (!Array.isArray(r.followers)) continue;
      change(name, next, key(r.media_type, r.tmdb_id), r.followers.includes(name));
    }
    if (next.size !== current.size || [...next].some((k) => !current.has(k))) save(name, next);
  },
  /**
   * Replaces what is known with the server's list (one GET; concurrent calls for the name share
   * it). Errors are left to the caller; a session that ended or changed name meanwhile keeps nothing.
   */
  load(name: string): Promise<void> {
    if (loading?.name === name) return loading.done;
    const current = { name, since: new Map<string, boolean>(), done: Promise.resolve() };
    loading = current;
    current.done = (async () => {
      try {
        const { follows: list } = await fetchFollows();
        if (loading !== current) return;
        const next = new Set(Array.isArray(list) ? list.map((t) => key(t.media_type, t.tmdb_id)) : []);
        for (const [k, following] of current.since) {
          if (following) next.add(k);
          else next.delete(k);
        }
        save(name, next);
      } finally {
        if (loading === current) loading = null;
      }
    })();
    return current.done;
  },
  clear(): void {
    owner = null;
    keys = new Set();
    loading = null;
    version.value++;
    removeKey(KEY);
  },
};
