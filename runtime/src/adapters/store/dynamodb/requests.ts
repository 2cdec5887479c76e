/**
 * Requests on DynamoDB: one item per (media_type, tmdb_id) in the `REQ` partition, listed newest
 * first through the four local secondary indexes described in `schema.ts`.
 */
import { DeleteItemCommand, GetItemCommand, PutItemCommand } from "dynamodb-toolbox";
import type { MediaType, TitleKey } from "../../../ports/store/index.js";
import type {
  ArrFacts,
  FeedEntry,
  InsertResult,
  SeasonsUpdate,
  ListRequestsQuery,
  NewRequest,
  RequestCounts,
  RequestPage,
  RequestStatus,
  RequestStore,
  StoredRequest,
} from "../../../ports/store/requests.js";
import { encodeSeasons } from "../../../domain/arr/seasons.js";
import { decodeSeqCursor, encodeSeqCursor } from "../cursor.js";
import { decodeArrFields, encodeArrFields, encodeTmdbSeasons } from "../request-arr-fields.js";
import { isConditionFailed, type Doc, type DynamoError } from "./client.js";
import { send, withoutNulls, type Ctx } from "./context.js";
import { nextCounter } from "./counters.js";
import type { RequestIndex } from "../../../contract/table.js";
import { REQ_PK, pad, requestSk } from "./schema.js";

const statusLetter = (s: RequestStatus) => (s === "pending" ? "P" : "A");

export function toStoredRequest(doc: Doc): StoredRequest {
  const str = (k: string) => (typeof doc[k] === "string" ? (doc[k] as string) : null);
  const num = (k: string) => (typeof doc[k] === "number" ? (doc[k] as number) : null);
  const mediaType = doc.media_type as MediaType;
  const arr = decodeArrFields(mediaType, doc);
  return {
    tmdb_id: Number(doc.tmdb_id),
    media_type: mediaType,
    title: str("title"),
    year: num("year"),
    overview: str("overview"),
    poster_path: str("poster_path"),
    imdb_id: str("imdb_id"),
    tvdb_id: num("tvdb_id"),
    requested_by: str("requested_by"),
    created_at: String(doc.created_at),
    added_at: str("added_at"),
    plex_guid: str("plex_guid"),
    ...arr,
    seq: Number(doc.seq),
  };
}

/** The index and key prefix serving a filter combination (every combination is one Query). */
function listing(filter: { media_type?: MediaType; status?: RequestStatus }): { index: RequestIndex; prefix: string } {
  const { media_type: type, status } = filter;
  if (type && status) return { index: "by_type_status", prefix: `${type}#${statusLetter(status)}#` };
  if (type) return { index: "by_type", prefix: `${type}#` };
  if (status) return { index: "by_status", prefix: `${statusLetter(status)}#` };
  return { index: "by_seq", prefix: "" };
}

function listingQuery(ctx: Ctx, index: RequestIndex, prefix: string, belowSeq: number | null): Doc {
  const hi = belowSeq === null ? Number.MAX_SAFE_INTEGER : belowSeq - 1;
  return {
    TableName: ctx.tableName,
    IndexName: index,
    KeyConditionExpression: "pk = :pk AND #k BETWEEN :lo AND :hi",
    ExpressionAttributeNames: { "#k": index },
    ExpressionAttributeValues: { ":pk": REQ_PK, ":lo": prefix + pad(0), ":hi": prefix + pad(Math.max(0, hi)) },
    ScanIndexForward: false,
    ConsistentRead: true,
  };
}

export function createDynamoRequests(ctx: Ctx): RequestStore {
  const { RequestEntity } = ctx.model;

  async function getRequest(key: TitleKey): Promise<StoredRequest | null> {
    const params = RequestEntity.build(GetItemCommand).key(key).options({ consistent: true }).params();
    const out = await send(ctx, "GetItem", params);
    return out.Item ? toStoredRequest(out.Item as Doc) : null;
  }

  async function insertRequest(request: NewRequest): Promise<InsertResult> {
    // A seq is burnt when the title already exists: seq is monotonic, not dense.
    for (let attempt = 0; attempt < 5; attempt++) {
      const seq = await nextCounter(ctx, "req");
      const s = pad(seq);
      const t = request.media_type;
      // An already fulfilled request (the importer) is listed under "added" from its first write.
      const status = typeof request.added_at === "string" ? "A" : "P";
      const { profile: _p, seasons: _s, anime: _a, tmdb_seasons: _t, ...fields } = request;
      const item = {
        ...withoutNulls(fields),
        ...withoutNulls(encodeArrFields(request)),
        media_type: t,
        tmdb_id: request.tmdb_id,
        created_at: request.created_at,
        seq,
        by_seq: s,
        by_type: `${t}#${s}`,
        by_status: `${status}#${s}`,
        by_type_status: `${t}#${status}#${s}`,
        // Precomputed "added" index keys: markAdded copies them (SET a = b) in its single UpdateItem.
        added_status: `A#${s}`,
        added_type_status: `${t}#A#${s}`,
      };
      const params = {
        ...RequestEntity.build(PutItemCommand)
          .item(item)
          .options({ condition: { attr: "tmdb_id", exists: false } })
          .params(),
        // AWS returns the existing item with the conflict, saving the read (dynalite ignores it).
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      };
      let conflicting: Doc | undefined;
      try {
        await send(ctx, "PutItem", params);
        return { inserted: true, request: toStoredRequest(params.Item as Doc) };
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
        conflicting = (error as DynamoError).item;
      }
      const existing = conflicting ? toStoredRequest(conflicting) : await getRequest(request);
      // Our own seq: an earlier attempt of this very put succeeded before a retried 5xx/timeout.
      if (existing?.seq === seq) return { inserted: true, request: existing };
      if (existing) return { inserted: false, existing };
      // Deleted between our failed put and the read: try again.
    }
    throw new Error("insertRequest did not settle after 5 attempts");
  }

  async function deleteRequest(key: TitleKey): Promise<boolean> {
    const params = RequestEntity.build(DeleteItemCommand).key(key).options({ returnValues: "ALL_OLD" }).params();
    const out = await send(ctx, "DeleteItem", params);
    return out.Attributes !== undefined;
  }

  async function listRequests(query: ListRequestsQuery): Promise<RequestPage> {
    const belowSeq = query.cursor === undefined ? null : decodeSeqCursor(query.cursor);
    const { index, prefix } = listing(query);
    const want = query.limit + 1; // one extra tells whether a next page exists
    const found: StoredRequest[] = [];
    await ctx.client.queryAll({ ...listingQuery(ctx, index, prefix, belowSeq), Limit: want }, (items) => {
      for (const item of items) if (found.length < want) found.push(toStoredRequest(item));
      return found.length < want;
    });
    const requests = found.slice(0, query.limit);
    const last = requests[requests.length - 1];
    return { requests, next_cursor: found.length > query.limit && last ? encodeSeqCursor(last.seq) : null };
  }

  async function allRequests(filter: { media_type?: MediaType; status?: RequestStatus } = {}): Promise<StoredRequest[]> {
    const { index, prefix } = listing(filter);
    const items = await ctx.client.queryAll(listingQuery(ctx, index, prefix, null));
    return items.map(toStoredRequest);
  }

  /** The listing Query of `allRequests`, projected to the fields the *arr lists render. */
  async function feedEntries(filter: { media_type: MediaType; status?: RequestStatus }): Promise<FeedEntry[]> {
    const { index, prefix } = listing(filter);
    const fields = ["seq", "tmdb_id", "title", "year", "imdb_id", "tvdb_id", "poster_path"] as const;
    const query = listingQuery(ctx, index, prefix, null);
    const items = await ctx.client.queryAll({
      ...query,
      ProjectionExpression: fields.map((f) => `#${f}`).join(", "),
      ExpressionAttributeNames: { ...(query.ExpressionAttributeNames as Doc), ...Object.fromEntries(fields.map((f) => [`#${f}`, f])) },
    });
    return items.map((doc) => {
      const { seq, tmdb_id, title, year, imdb_id, tvdb_id, poster_path } = toStoredRequest(doc);
      return { seq, tmdb_id, title, year, imdb_id, tvdb_id, poster_path };
    });
  }

  /**
   * Counted from the `by_type_status` index keys, projected alone: exact under any concurrency and
   * after any crash (counter items updated beside the request would drift when a Lambda dies
   * between the two writes), and cheap because the REQ partition is small: about 25,000
   * requests fit in one 1 MB page.
   */
  async function countRequests(): Promise<RequestCounts> {
    const counts: RequestCounts = { movie: { pending: 0, added: 0 }, tv: { pending: 0, added: 0 } };
    const params = {
      ...listingQuery(ctx, "by_type_status", "", null),
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": REQ_PK },
      ProjectionExpression: "#k",
    };
    await ctx.client.queryAll(params, (items) => {
      for (const item of items) {
        const [type, letter] = String(item.by_type_status).split("#");
        const bucket = type === "movie" || type === "tv" ? counts[type] : null;
        if (bucket) bucket[letter === "A" ? "added" : "pending"] += 1;
      }
    });
    return counts;
  }

  /** One request's conditional `SET`: the updated request, or null when the condition failed (or the request is gone). */
  async function updateIf(key: TitleKey, set: string, condition: string, names: Record<string, string>, values: Doc) {
    try {
      const out = await send(ctx, "UpdateItem", {
        TableName: ctx.tableName,
        Key: { pk: REQ_PK, sk: requestSk(key.media_type, key.tmdb_id) },
        UpdateExpression: `SET ${set}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: "ALL_NEW",
      });
      return toStoredRequest(out.Attributes as Doc);
    } catch (error) {
      if (isConditionFailed(error)) return null;
      throw error;
    }
  }

  async function markAdded(key: TitleKey, addedAt: string, plexGuid: string | null): Promise<StoredRequest | null> {
    const names: Record<string, string> = {
      "#added": "added_at",
      "#bs": "by_status",
      "#bts": "by_type_status",
      "#as": "added_status",
      "#ats": "added_type_status",
    };
    const values: Doc = { ":added": addedAt };
    let set = "#added = :added, #bs = #as, #bts = #ats";
    if (plexGuid !== null) {
      names["#guid"] = "plex_guid";
      values[":guid"] = plexGuid;
      set += ", #guid = :guid";
    }
    return updateIf(key, set, "attribute_exists(pk) AND attribute_not_exists(#added)", names, values);
  }

  async function setExternalIds(key: TitleKey, ids: { imdb_id?: string | null; tvdb_id?: number | null }) {
    const sets: string[] = [];
    const names: Record<string, string> = {};
    const values: Doc = {};
    // Stored nulls are absent attributes, so if_not_exists() is "only when currently null".
    for (const field of ["imdb_id", "tvdb_id"] as const) {
      const value = ids[field];
      if (value === null || value === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      sets.push(`#${field} = if_not_exists(#${field}, :${field})`);
    }
    if (sets.length === 0) return;
    try {
      await send(ctx, "UpdateItem", {
        TableName: ctx.tableName,
        Key: { pk: REQ_PK, sk: requestSk(key.media_type, key.tmdb_id) },
        UpdateExpression: `SET ${sets.join(", ")}`,
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      });
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  async function updateSeasons(key: TitleKey, update: SeasonsUpdate): Promise<StoredRequest | null> {
    if (key.media_type !== "tv") return null;
    const expected = encodeSeasons(update.expected);
    const values: Doc = { ":expected": expected, ":seasons": encodeSeasons(update.seasons) };
    const tmdb = encodeTmdbSeasons(update.tmdb_seasons);
    let set = "#s = :seasons";
    if (tmdb !== null) {
      values[":tmdb"] = tmdb;
      set += ", #t = :tmdb";
    }
    // Items written before per-season requests have no `seasons`: they mean "all".
    const current = expected === "all" ? "(attribute_not_exists(#s) OR #s = :expected)" : "#s = :expected";
    const names = { "#s": "seasons", "#added": "added_at", ...(tmdb !== null ? { "#t": "tmdb_seasons" } : {}) };
    return updateIf(key, set, `attribute_exists(pk) AND attribute_not_exists(#added) AND ${current}`, names, values);
  }

  async function setArrFacts(key: TitleKey, facts: ArrFacts): Promise<void> {
    const tmdb = encodeTmdbSeasons(facts.tmdb_seasons);
    try {
      await send(ctx, "UpdateItem", {
        TableName: ctx.tableName,
        Key: { pk: REQ_PK, sk: requestSk(key.media_type, key.tmdb_id) },
        UpdateExpression: tmdb === null ? "SET #a = :a" : "SET #a = :a, #t = :t",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#a": "anime", ...(tmdb === null ? {} : { "#t": "tmdb_seasons" }) },
        ExpressionAttributeValues: { ":a": facts.anime, ...(tmdb === null ? {} : { ":t": tmdb }) },
      });
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  return {
    updateSeasons,
    setArrFacts,
    insertRequest,
    getRequest,
    deleteRequest,
    listRequests,
    allRequests,
    feedEntries,
    countRequests,
    markAdded,
    setExternalIds,
  };
}
