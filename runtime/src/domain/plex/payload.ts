/**
 * The Plex webhook envelope (formats.md C2): shape checks with zod/mini, lenient about every field
 * this app does not read (Plex payloads vary by version; e.g. old ones send `addedAt` as a string).
 */
import * as z from "zod/mini";
import { MAX_TITLE_LENGTH } from "../library/batch.js";
import type { PlexMetadata } from "./metadata.js";

export interface PayloadIssue {
  path: (string | number)[];
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: PayloadIssue[] };

const optString = z.optional(z.nullable(z.string()));
const optNumber = z.optional(z.nullable(z.number()));
/** Titles are matched and stored: capped like a sync batch's (no real title comes close). */
const optTitle = z.optional(z.nullable(z.string().check(z.maxLength(MAX_TITLE_LENGTH, `At most ${MAX_TITLE_LENGTH} characters`))));

/** The envelope every payload must match (`Metadata` checked by `PlexMetadataSchema` only for a processed event). */
export const PlexEnvelopeSchema = z.looseObject({
  event: optString,
  Server: z.optional(z.nullable(z.looseObject({ title: optString }))),
  Metadata: z.optional(z.nullable(z.looseObject({}))),
});

export const PlexMetadataSchema = z.looseObject({
  type: z.string(),
  title: optTitle,
  year: optNumber,
  guid: optString,
  Guid: z.optional(z.nullable(z.array(z.looseObject({ id: z.string() })))),
  parentGuid: optString,
  parentTitle: optTitle,
  parentYear: optNumber,
  grandparentGuid: optString,
  grandparentTitle: optTitle,
  grandparentYear: optNumber,
});

export interface PlexEnvelope {
  event: string | null;
  serverTitle: string | null;
  /** The raw `Metadata` object (checked with `checkMetadata` only when the event is processed). */
  metadata: Record<string, unknown> | null;
}

/** The payload must be a JSON object with string `event`, object `Server` and object `Metadata` when present. */
export function checkEnvelope(payload: unknown): Checked<PlexEnvelope> {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    return { ok: false, issues: [{ path: [], message: "Payload must be a JSON object" }] };
  }
  const result = PlexEnvelopeSchema.safeParse(payload);
  if (!result.success) return { ok: false, issues: issuesOf(result.error.issues) };
  return {
    ok: true,
    value: {
      event: result.data.event ?? null,
      serverTitle: result.data.Server?.title ?? null,
      metadata: (result.data.Metadata as Record<string, unknown> | null | undefined) ?? null,
    },
  };
}

export function checkMetadata(metadata: unknown): Checked<PlexMetadata> {
  const result = PlexMetadataSchema.safeParse(metadata);
  if (!result.success) return { ok: false, issues: issuesOf(result.error.issues, ["Metadata"]) };
  return { ok: true, value: result.data };
}

function issuesOf(issues: readonly z.core.$ZodIssue[], prefix: (string | number)[] = []): PayloadIssue[] {
  return issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
    message: issue.code === "invalid_type" ? `Expected ${issue.expected}` : issue.message,
  }));
}
