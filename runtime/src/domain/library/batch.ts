/**
 * Library-sync batch validation (product.md §5.3), pure: the whole batch is checked before anything
 * is written, and every bad item is named by its index in `errors[].path`.
 */

import { isId } from "../../contract/validation.js";
import type { SyncItem } from "../../ports/library-source.js";

export type { SyncItem };

export interface BatchIssue {
  path: (string | number)[];
  message: string;
}

export const MAX_BATCH_ITEMS = 1000;
export const MAX_TITLE_LENGTH = 500;
/** An IMDb title id as the sync batch takes it. */
export const IMDB_ID_PATTERN = /^tt\d{1,12}$/;
/** Enough issues to fix a batch; a batch of garbage does not produce a megabyte of errors. */
const MAX_ISSUES = 100;

/** The key two items are the same title by (across libraries): TMDB id, else TVDB id, else IMDb id. */
export function librarySyncKey(entry: SyncItem): string {
  if (entry.tmdb_id !== null) return `tmdb:${entry.tmdb_id}`;
  if (entry.tvdb_id !== null) return `tvdb:${entry.tvdb_id}`;
  return `imdb:${entry.imdb_id}`;
}

export function validateSyncBatch(value: unknown): { ok: true; items: SyncItem[] } | { ok: false; issues: BatchIssue[] } {
  if (!Array.isArray(value)) return { ok: false, issues: [{ path: [], message: "Body must be a JSON array" }] };
  if (value.length > MAX_BATCH_ITEMS) {
    return { ok: false, issues: [{ path: [], message: `A batch holds at most ${MAX_BATCH_ITEMS} items (got ${value.length})` }] };
  }
  const issues: BatchIssue[] = [];
  const items: SyncItem[] = [];
  value.forEach((raw: unknown, i) => {
    if (issues.length >= MAX_ISSUES) return;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      issues.push({ path: [i], message: "Expected an object" });
      return;
    }
    const o = raw as Record<string, unknown>;
    const before = issues.length;
    const id = (key: "tmdb_id" | "tvdb_id"): number | null => {
      const v = o[key];
      if (v === undefined || v === null) return null;
      if (!isId(v)) {
        issues.push({ path: [i, key], message: "Expected a positive integer" });
        return null;
      }
      return v;
    };
    const tmdb = id("tmdb_id");
    const tvdb = id("tvdb_id");
    let imdb: string | null = null;
    if (o.imdb_id !== undefined && o.imdb_id !== null) {
      if (typeof o.imdb_id !== "string" || !IMDB_ID_PATTERN.test(o.imdb_id)) {
        issues.push({ path: [i, "imdb_id"], message: "Expected an IMDb id: tt followed by digits" });
      } else imdb = o.imdb_id;
    }
    let title: string | null = null;
    if (o.title !== undefined && o.title !== null) {
      if (typeof o.title !== "string") issues.push({ path: [i, "title"], message: "Expected a string" });
      else if (o.title.length > MAX_TITLE_LENGTH) issues.push({ path: [i, "title"], message: `At most ${MAX_TITLE_LENGTH} characters` });
      else title = o.title;
    }
    if (issues.length === before && tmdb === null && tvdb === null && imdb === null) {
      issues.push({ path: [i], message: "tmdb_id, tvdb_id or imdb_id is required" });
    }
    if (issues.length === before) items.push({ tmdb_id: tmdb, tvdb_id: tvdb, imdb_id: imdb, title });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, items };
}
