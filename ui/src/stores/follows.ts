/**
 * The titles the signed-in name follows ("Notify me too" on someone else's request), so a search or
 * trending card can say so. The server has no per-name list to read here — library-status is one
 * body for everyone, cached per change token — so this copy learns from the follow calls made in
 * this browser and from every requests page read (each request's `followers`). Kept in
 * localStorage for that name; forgotten when the session ends.
 */
import { ref } from "vue";
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

export const follows = {
  isFollowing(name: string | null, type: MediaType, id: number): boolean {
    void version.value;
    return !!name && forName(name).has(key(type, id));
  },
  /** After the server confirmed a follow (`true`) or an unfollow. */
  set(name: string, type: MediaType, id: number, following: boolean): void {
    const next = new Set(forName(name));
    next.delete(key(type, id));
    if (following) next.add(key(type, id));
    save(name, next);
  },
  /** What a page of requests says: the name is among each one's followers, or it is not. */
  learn(name: string, requests: readonly Pick<ListedRequest, "media_type" | "tmdb_id" | "followers">[]): void {
    const current = forName(name);
    const next = new Set(current);
    for (const r of requests) {
      // A response without the list (an older server) says nothing either way.
      if (!Array.isArray(r.followers)) continue;
      if (r.followers.includes(name)) next.add(key(r.media_type, r.tmdb_id));
      else next.delete(key(r.media_type, r.tmdb_id));
    }
    if (next.size !== current.size || [...next].some((k) => !current.has(k))) save(name, next);
  },
  clear(): void {
    owner = null;
    keys = new Set();
    version.value++;
    removeKey(KEY);
  },
};
