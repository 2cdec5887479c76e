/**
 * The single-table design (keys, indexes and TTL in `contract/table.ts`, which the Pulumi stack
 * declares too; see docs/dynamodb.md).
 *
 * Table: `pk` (S, partition key), `sk` (S, sort key); on-demand billing; TTL on `expires_at`
 * (epoch SECONDS; the name avoids the reserved word `ttl` that broke the original's limiter).
 * DynamoDB deletes expired items lazily (up to days later) and dynalite never does, so every read
 * of an expiring kind also checks the millisecond expiry against the caller's clock.
 *
 * Every item carries `_et` (item kind, written by dynamodb-toolbox) and `v` (schema version of that
 * kind, 1 today): a later layout change can migrate item by item on read.
 *
 * | kind            | pk                          | sk                        | attributes                                                     |
 * |-----------------|-----------------------------|---------------------------|----------------------------------------------------------------|
 * | Request         | `REQ`                       | `<media_type>#<tmdb_id>`  | request fields (nulls omitted), `seq`, 4 LSI sort keys (below), |
 * |                 |                             |                           | `added_status`/`added_type_status` (their values once added)    |
 * | Counter         | `META`                      | `SEQ`                     | `req` (request seq), `rs` (resync open order) — atomic ADD      |
 * | LibraryPointer  | `LIBPTR`                    | lane: `<media_type>` (plex) or `<source>.<media_type>` | `gen` current generation, `co` open order of the committed      |
 * |                 |                             |                           | resync, `ls`/`lr` its synced/removed counts, one `o_<sync_id>`   |
 * |                 |                             |                           | map {g: gen, o: open order, x: expiry ms} per open resync, and   |
 * |                 |                             |                           | `dead`, the string set of generations awaiting deletion          |
 * | LibraryEntry    | `LIB#<media_type>#<gen>`    | tmdb_id, 16-digit padded  | `tmdb_id`, `tvdb_id`, `title`, `plex_guid`                       |
 * | Resync          | `RESYNC#<sync_id>`          | `RESYNC`                  | `media_type`, `source` (absent = plex), `gen`, `o`, `state` open/committed, `synced`,      |
 * |                 |                             |                           | `removed`; while open `exp_ms` + `expires_at` (24 h)             |
 * | Guid            | `GUID#<plex guid>`          | `GUID`                    | `media_type`, `tmdb_id`, `tvdb_id`                               |
 * | Subscription    | `SUB#<sha256(endpoint)>`    | `SUB`                     | record fields; `gsi1pk` = `OWNER#<owner>`, `gsi1sk` = pk         |
 * | Challenge       | `CHAL#<id>`                 | `CHAL`                    | `exp_ms`, `expires_at`                                           |
 * | RateLimit       | `RL#<key>`                  | `RL`                      | `n`, `reset_at` (ms), `expires_at`                               |
 * | Follow          | `FOLLOW#<media_type>#<id>`  | `FOLLOW`                  | `names`, the string set of followers (ADD/DELETE)                |
 * | FollowedTitle   | `FOLLOWS#<name>`            | `<media_type>#<16-digit padded tmdb_id>` | `name`, `media_type`, `tmdb_id`: the same follow listed by name |
 * |                 |                             |                           | (written before the set's ADD, deleted after its DELETE; the set |
 * |                 |                             |                           | stays the truth, so a reader keeps only titles whose set has it) |
 * | Channel         | `CHAN#<owner>`              | `<channel id>`            | `id`, `owner`, `spec` (JSON, secrets included), `locale`,        |
 * |                 |                             |                           | `created_at`                                                     |
 * | DeliveryClaim   | `CLAIM#<delivery key>`      | `CLAIM`                   | `until` (ms), `expires_at`                                       |
 * | DeliveryStatus  | `DLV#<channel id>`          | `DLV`                     | `channel_id`, `status`, `at`, `error`                            |
 *
 * Free-form key parts longer than 200 characters (guids, rate-limit keys, challenge ids, owners)
 * are replaced by `#<sha256>` so no input can exceed DynamoDB's key size limits.
 *
 * Indexes
 * - Requests live in ONE small partition (`REQ`) so that four local secondary indexes give every
 *   listing as a single strongly consistent Query, newest first (`seq` zero-padded to 16 digits):
 *   `by_seq` = `<seq>`; `by_type` = `<media_type>#<seq>`; `by_status` = `<P|A>#<seq>`;
 *   `by_type_status` = `<media_type>#<P|A>#<seq>` (P = pending, A = added; markAdded rewrites
 *   the two status keys in the same UpdateItem). Projection ALL (requests are small).
 *   One partition sustains 3,000 reads/1,000 writes per second and 10 GB per LSI item collection:
 *   far beyond a household's request volume.
 * - GSI `gsi1` (`gsi1pk`, `gsi1sk`, projection ALL) lists push subscriptions by owner.
 *
 * Library generations (full resync without transactions, product.md §5.3)
 * - The library of a type is the partition `LIB#<type>#<gen>` where `gen` is read from the
 *   pointer item (absent pointer = generation `0`). A full resync stages into a fresh generation;
 *   commit is ONE conditional UpdateItem of the pointer (`gen`, `co`), so a reader sees the old
 *   partition or the new one, never a mix. Webhook upserts go to the current generation and to the
 *   generations of every open resync of that type (the `o_<sync_id>` attributes).
 * - The resync record expires 24 h after opening (TTL + read-time check): an abandoned resync is
 *   then unknown and its generation unreachable. Staged entries themselves carry no TTL, because
 *   the entries of a committed generation ARE the staged entries (that is what keeps commit O(1)),
 *   and a TTL on them would delete the live library a day later. Unreachable generations (the one a
 *   commit replaced, abandoned ones) are listed in `dead` and deleted by a bounded garbage-collection
 *   step on later resync calls of that type.
 */
import { createHash } from "node:crypto";
import { Entity, Table, boolean, item, number, string } from "dynamodb-toolbox";
import type { MediaType } from "../../../ports/store/index.js";
import type { LibrarySourceName } from "../../../ports/store/library.js";

export const SCHEMA_VERSION = 1;

export const REQ_PK = "REQ";
export const META_KEY = { pk: "META", sk: "SEQ" } as const;
export const INITIAL_GEN = "0";

/**
 * One source's library of one type. Plex's lanes are named `movie`/`tv`, exactly the pointer keys
 * and generation `0` used before sources existed, so that data is Plex's as it stands (no item is
 * rewritten). Other sources: `<source>.<type>`, initial generation `<source>.0`; later generations
 * (`r<open order>`) are unique across lanes, so entry partitions never collide.
 */
export interface Lane {
  source: LibrarySourceName;
  type: MediaType;
}
export { LIBRARY_SOURCE_NAMES } from "../../../domain/library/sources.js";
export const laneId = ({ source, type }: Lane): string => (source === "plex" ? type : `${source}.${type}`);
export const initialGen = (lane: Lane): string => (lane.source === "plex" ? INITIAL_GEN : `${lane.source}.${INITIAL_GEN}`);
/** The lane a pointer's sort key names (null for anything else). */
export function laneOfId(id: string): Lane | null {
  const [a, b] = id.split(".");
  if (b === undefined) return a === "movie" || a === "tv" ? { source: "plex", type: a } : null;
  if ((a === "jellyfin" || a === "emby") && (b === "movie" || b === "tv")) return { source: a, type: b };
  return null;
}

const PAD = 16;
export const pad = (n: number): string => String(n).padStart(PAD, "0");

/** A free-form key part, bounded in size. */
export const keyPart = (s: string): string => (s.length <= 200 ? s : `#${createHash("sha256").update(s).digest("hex")}`);

export const requestSk = (mediaType: MediaType, tmdbId: number) => `${mediaType}#${tmdbId}`;
/** Every lane's pointer shares one partition, so library-status reads them with a single Query. */
export const POINTER_PK = "LIBPTR";
export const pointerKey = (lane: Lane) => ({ pk: POINTER_PK, sk: laneId(lane) });
export const libraryPk = (mediaType: MediaType, gen: string) => `LIB#${mediaType}#${gen}`;
export const libraryKey = (mediaType: MediaType, gen: string, tmdbId: number) => ({
  pk: libraryPk(mediaType, gen),
  sk: pad(tmdbId),
});
export const guidKey = (guid: string) => ({ pk: `GUID#${keyPart(guid)}`, sk: "GUID" });
export const resyncKey = (syncId: string) => ({ pk: `RESYNC#${syncId}`, sk: "RESYNC" });
export const subscriptionPk = (endpoint: string) => `SUB#${createHash("sha256").update(endpoint).digest("hex")}`;
export const ownerPk = (owner: string) => `OWNER#${keyPart(owner)}`;
export const followKey = (mediaType: MediaType, tmdbId: number) => ({ pk: `FOLLOW#${mediaType}#${tmdbId}`, sk: "FOLLOW" });
/** The partition listing the titles one name follows (GET /api/follows), sorted by type then id. */
export const followedPk = (name: string) => `FOLLOWS#${keyPart(name)}`;
export const followedKey = (name: string, mediaType: MediaType, tmdbId: number) => ({
  pk: followedPk(name),
  sk: `${mediaType}#${pad(tmdbId)}`,
});
export const channelPk = (owner: string) => `CHAN#${keyPart(owner)}`;
export const channelKey = (owner: string, id: string) => ({ pk: channelPk(owner), sk: keyPart(id) });
export const claimKey = (key: string) => ({ pk: `CLAIM#${keyPart(key)}`, sk: "CLAIM" });
export const deliveryStatusKey = (channelId: string) => ({ pk: `DLV#${keyPart(channelId)}`, sk: "DLV" });

/** dynamodb-toolbox model of the table and of the item kinds written with PutItem/BatchWriteItem. */
export function createModel(tableName: string) {
  const table = new Table({
    name: tableName,
    partitionKey: { name: "pk", type: "string" },
    sortKey: { name: "sk", type: "string" },
    indexes: {
      by_seq: { type: "local", sortKey: { name: "by_seq", type: "string" } },
      by_type: { type: "local", sortKey: { name: "by_type", type: "string" } },
      by_status: { type: "local", sortKey: { name: "by_status", type: "string" } },
      by_type_status: { type: "local", sortKey: { name: "by_type_status", type: "string" } },
      gsi1: {
        type: "global",
        partitionKey: { name: "gsi1pk", type: "string" },
        sortKey: { name: "gsi1sk", type: "string" },
      },
    },
  });

  const RequestEntity = new Entity({
    name: "Request",
    table,
    timestamps: false,
    schema: item({
      media_type: string().enum("movie", "tv").key(),
      tmdb_id: number().key(),
      v: number().default(SCHEMA_VERSION),
      title: string().optional(),
      year: number().optional(),
      overview: string().optional(),
      poster_path: string().optional(),
      imdb_id: string().optional(),
      tvdb_id: number().optional(),
      requested_by: string().optional(),
      created_at: string(),
      added_at: string().optional(),
      plex_guid: string().optional(),
      // *arr instance lists (issue #22); absent on older items: profile default, all seasons, not anime, TMDB seasons unknown.
      profile: string().enum("default", "4k").optional(),
      seasons: string().optional(),
      anime: boolean().optional(),
      tmdb_seasons: string().optional(),
      seq: number(),
      by_seq: string(),
      by_type: string(),
      by_status: string(),
      by_type_status: string(),
      added_status: string(),
      added_type_status: string(),
    }),
    computeKey: ({ media_type, tmdb_id }) => ({ pk: REQ_PK, sk: requestSk(media_type, tmdb_id) }),
  });

  const LibraryEntryEntity = new Entity({
    name: "LibraryEntry",
    table,
    timestamps: false,
    schema: item({
      media_type: string().enum("movie", "tv").key(),
      gen: string().key(),
      tmdb_id: number().key(),
      v: number().default(SCHEMA_VERSION),
      tvdb_id: number().optional(),
      title: string().optional(),
      plex_guid: string().optional(),
    }),
    computeKey: ({ media_type, gen, tmdb_id }) => libraryKey(media_type, gen, tmdb_id),
  });

  const ResyncEntity = new Entity({
    name: "Resync",
    table,
    timestamps: false,
    schema: item({
      sync_id: string().key(),
      v: number().default(SCHEMA_VERSION),
      media_type: string().enum("movie", "tv"),
      /** Absent on records written before sources existed: plex. */
      source: string().enum("jellyfin", "emby").optional(),
      gen: string(),
      o: number(),
      state: string().enum("open", "committed"),
      exp_ms: number().optional(),
      expires_at: number().optional(),
    }),
    computeKey: ({ sync_id }) => resyncKey(sync_id),
  });

  const GuidEntity = new Entity({
    name: "Guid",
    table,
    timestamps: false,
    schema: item({
      guid: string().key(),
      v: number().default(SCHEMA_VERSION),
      media_type: string().enum("movie", "tv"),
      tmdb_id: number(),
      tvdb_id: number().optional(),
    }),
    computeKey: ({ guid }) => guidKey(guid),
  });

  const SubscriptionEntity = new Entity({
    name: "Subscription",
    table,
    timestamps: false,
    schema: item({
      endpoint: string().key(),
      v: number().default(SCHEMA_VERSION),
      owner: string(),
      p256dh: string(),
      auth: string(),
      locale: string(),
      vapid_key_id: string(),
      created_at: string(),
      gsi1pk: string(),
      gsi1sk: string(),
    }),
    computeKey: ({ endpoint }) => ({ pk: subscriptionPk(endpoint), sk: "SUB" }),
  });

  const ChallengeEntity = new Entity({
    name: "Challenge",
    table,
    timestamps: false,
    schema: item({
      challenge_id: string().key(),
      v: number().default(SCHEMA_VERSION),
      exp_ms: number(),
      expires_at: number(),
    }),
    computeKey: ({ challenge_id }) => ({ pk: `CHAL#${keyPart(challenge_id)}`, sk: "CHAL" }),
  });

  const RateLimitEntity = new Entity({
    name: "RateLimit",
    table,
    timestamps: false,
    schema: item({
      key: string().key(),
      v: number().default(SCHEMA_VERSION),
      n: number(),
      reset_at: number(),
      expires_at: number(),
    }),
    computeKey: ({ key }) => ({ pk: `RL#${keyPart(key)}`, sk: "RL" }),
  });

  return {
    table,
    RequestEntity,
    LibraryEntryEntity,
    ResyncEntity,
    GuidEntity,
    SubscriptionEntity,
    ChallengeEntity,
    RateLimitEntity,
  };
}

export type Model = ReturnType<typeof createModel>;

/** Epoch seconds for DynamoDB's TTL attribute (rounded up: never deleted before the ms expiry). */
export const ttlSeconds = (ms: number) => Math.ceil(ms / 1000);
