/**
 * The original's AWS backend: one DynamoDB table keyed `media_type` (S) + `tmdb_id` (N)
 * (reference-original.md §5.2) holding every kind of item, told apart by the partition:
 * `movie`/`tv` requests, `LIBRARY#<type>` entries, `PLEX_GUID_CACHE` rows (sort key: a per-process
 * hash of the GUID), `PUSH#<name>` subscriptions, and `RATELIMIT#<ip>`, `CONFIG`, `TEST` items that
 * are not data. Any other partition is a junk request its unvalidated `POST /api/request` created.
 * Pure: items arrive as DynamoDB JSON, so a number stored as a string is seen as one.
 */
import type { Collector } from "./collect.js";
import { shown } from "./values.js";

export type AttributeValue = Record<string, unknown>;

/** DynamoDB JSON → plain values; `N` becomes a number (range checks are the readers' job), `S` stays a string. */
export function fromAttributeValue(av: AttributeValue): unknown {
  if ("S" in av) return av.S;
  if ("N" in av) return Number(av.N);
  if ("BOOL" in av) return av.BOOL;
  if ("NULL" in av) return null;
  if ("M" in av) return fromItem(av.M as Record<string, AttributeValue>);
  if ("L" in av) return (av.L as AttributeValue[]).map(fromAttributeValue);
  if ("SS" in av) return av.SS;
  if ("NS" in av) return (av.NS as string[]).map(Number);
  return "(binary)";
}

export const fromItem = (item: Record<string, AttributeValue>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(item).map(([k, v]) => [k, fromAttributeValue(v)]));

const printable = (v: unknown): string => (typeof v === "string" && /^[\x21-\x7e]{1,60}$/.test(v) ? v : shown(v));

export function collectDynamoItem(wire: Record<string, AttributeValue>, collector: Collector): void {
  const item = fromItem(wire);
  const pk = item.media_type;
  const sk = item.tmdb_id;
  const ref = `${printable(pk)}/${shown(sk)}`;
  if (typeof pk === "string") {
    if (pk.startsWith("LIBRARY#")) return collector.libraryEntry(pk.slice("LIBRARY#".length), item, ref);
    if (pk === "PLEX_GUID_CACHE") return collector.guid(item, ref, typeof sk === "number" ? sk : undefined);
    if (pk.startsWith("PUSH#")) return collector.subscription(pk.slice("PUSH#".length), item, ref);
    // Keyed by client IP: counted, never shown.
    if (pk.startsWith("RATELIMIT#")) return collector.ignore("rate-limit items");
    if (pk === "CONFIG") return collector.ignore("config items");
    if (pk === "TEST") return collector.ignore("test items");
  }
  collector.request(item, ref);
}
