/**
 * Library-sync batch validation (product.md §5.3), pure: the whole batch is checked before anything
 * is written, and every bad item is named by its index in `errors[].path`. The item rules are the
 * published schema `SyncItemBody` (the one the OpenAPI document shows); the rule that an item needs
 * an id (TMDB, TVDB or IMDb) is checked here.
 */
import { MAX_BATCH_ITEMS, MAX_TITLE_LENGTH, SyncItemBody } from "../../contract/api/sync.js";
import type { SyncItem } from "../../ports/library-source.js";

export type { SyncItem };
export { MAX_BATCH_ITEMS, MAX_TITLE_LENGTH };

export interface BatchIssue {
  path: (string | number)[];
  message: string;
}

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
    const parsed = SyncItemBody.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({ path: [i, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))], message: issue.message });
      }
      return;
    }
    const { tmdb_id = null, tvdb_id = null, imdb_id = null, title = null } = parsed.data;
    if (tmdb_id === null && tvdb_id === null && imdb_id === null)
      issues.push({ path: [i], message: "tmdb_id, tvdb_id or imdb_id is required" });
    else items.push({ tmdb_id, tvdb_id, imdb_id, title });
  });
  return issues.length > 0 ? { ok: false, issues: issues.slice(0, MAX_ISSUES) } : { ok: true, items };
}
