/**
 * Full resync on DynamoDB (product.md §5.3) without transactions: a resync stages into a fresh
 * generation registered in the pointer's open set; commit is ONE conditional UpdateItem of the
 * pointer; unreachable generations are deleted by a bounded garbage collection on later calls.
 */
import { GetItemCommand, PutItemCommand } from "dynamodb-toolbox";
import type { MediaType } from "../../../ports/store/index.js";
import type { LibraryItem, LibrarySourceName, ResyncBatchResult, ResyncCommitResult, ResyncOptions } from "../../../ports/store/library.js";
import { isConditionFailed, type Doc } from "./client.js";
import { absentOrExpired, send, withoutToolboxItem, writeIf, type Ctx } from "./context.js";
import { nextCounter } from "./counters.js";
import { OPEN_PREFIX, dedupe, type Generations } from "./generations.js";
import { SCHEMA_VERSION, initialGen, laneId, libraryPk, pointerKey, ttlSeconds, type Lane } from "./schema.js";

/** Staged data of an abandoned resync becomes unreachable this long after the resync opened. */
export const RESYNC_TTL_MS = 24 * 60 * 60 * 1000;
/** Entries of unreachable generations deleted per resync call (40 BatchWriteItem calls at most). */
const GC_BUDGET = 1000;

interface ResyncRecord {
  media_type: MediaType;
  source: LibrarySourceName;
  gen: string;
  o: number;
  state: "open" | "committed";
  exp_ms: number | null;
  synced: number;
  removed: number;
}

export function createDynamoResync(ctx: Ctx, gens: Generations) {
  const { ResyncEntity } = ctx.model;
  const { known: knownGens, entryDoc, readPointer, generationIds } = gens;

  async function readResync(syncId: string, nowMs: number): Promise<ResyncRecord | null> {
    const params = ResyncEntity.build(GetItemCommand).key({ sync_id: syncId }).options({ consistent: true }).params();
    const out = await send(ctx, "GetItem", params);
    const doc = out.Item as Doc | undefined;
    if (!doc) return null;
    const record: ResyncRecord = {
      media_type: doc.media_type as MediaType,
      source: doc.source === "jellyfin" || doc.source === "emby" ? doc.source : "plex",
      gen: String(doc.gen),
      o: Number(doc.o),
      state: doc.state === "committed" ? "committed" : "open",
      exp_ms: typeof doc.exp_ms === "number" ? doc.exp_ms : null,
      synced: Number(doc.synced ?? 0),
      removed: Number(doc.removed ?? 0),
    };
    // Read-time TTL: DynamoDB deletes expired items late (and dynalite never).
    if (record.state === "open" && record.exp_ms !== null && record.exp_ms <= nowMs) return null;
    return record;
  }

  /** Opens a resync: a fresh generation, a 24 h record, and a registration in the pointer's open set. */
  async function openResync(lane: Lane, syncId: string, nowMs: number): Promise<ResyncRecord | "retry"> {
    const o = await nextCounter(ctx, "rs");
    const gen = `r${o}`;
    const exp = nowMs + RESYNC_TTL_MS;
    const params = withoutToolboxItem(
      ResyncEntity.build(PutItemCommand)
        .item({
          sync_id: syncId,
          media_type: lane.type,
          source: lane.source === "plex" ? undefined : lane.source,
          gen,
          o,
          state: "open",
          exp_ms: exp,
          expires_at: ttlSeconds(exp),
        })
        .options({ condition: absentOrExpired("sync_id", "exp_ms", nowMs) })
        .params(),
    );
    if (!(await writeIf(ctx, "PutItem", params))) return "retry"; // opened concurrently: read it again
    const ptr = await readPointer(lane);
    const previous = ptr.open.find((r) => r.syncId === syncId);
    const names: Record<string, string> = { "#open": OPEN_PREFIX + syncId, "#v": "v" };
    const values: Doc = { ":open": { g: gen, o, x: exp }, ":v": SCHEMA_VERSION };
    let update = "SET #open = :open, #v = :v";
    if (previous) {
      // An expired earlier resync with the same id: its generation becomes garbage.
      names["#dead"] = "dead";
      values[":dead"] = new Set([previous.gen]);
      update += " ADD #dead :dead";
    }
    await send(ctx, "UpdateItem", {
      TableName: ctx.tableName,
      Key: pointerKey(lane),
      UpdateExpression: update,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
    return { media_type: lane.type, source: lane.source, gen, o, state: "open", exp_ms: exp, synced: 0, removed: 0 };
  }

  const sameLane = (record: ResyncRecord, lane: Lane) => record.media_type === lane.type && record.source === lane.source;

  async function resyncBatch(
    type: MediaType,
    syncId: string,
    rawItems: LibraryItem[],
    nowMs: number,
    opts: ResyncOptions = {},
  ): Promise<ResyncBatchResult> {
    const lane: Lane = { source: opts.source ?? "plex", type };
    let record = await readResync(syncId, nowMs);
    for (let attempt = 0; !record && attempt < 3; attempt++) {
      const opened = await openResync(lane, syncId, nowMs);
      record = opened === "retry" ? await readResync(syncId, nowMs) : opened;
    }
    if (!record) throw new Error("resync could not be opened");
    if (!sameLane(record, lane)) return { ok: false, reason: "type_mismatch" };
    if (record.state === "committed") return { ok: false, reason: "committed" };
    const items = dedupe(rawItems);
    await ctx.client.batchWrite(
      ctx.tableName,
      items.map((item) => ({
        PutRequest: {
          Item: entryDoc(type, record.gen, {
            tmdb_id: item.tmdb_id,
            tvdb_id: item.tvdb_id ?? null,
            title: item.title ?? null,
            plex_guid: item.plex_guid ?? null,
          }),
        },
      })),
    );
    await collectGarbage(lane, nowMs);
    return { ok: true, staged: items.length };
  }

  async function resyncCommit(
    type: MediaType,
    syncId: string,
    opts: { allowEmpty: boolean; nowMs: number } & ResyncOptions,
  ): Promise<ResyncCommitResult> {
    const lane: Lane = { source: opts.source ?? "plex", type };
    const record = await readResync(syncId, opts.nowMs);
    if (!record) return { ok: false, reason: "unknown" };
    if (!sameLane(record, lane)) return { ok: false, reason: "type_mismatch" };
    if (record.state === "committed") return { ok: true, synced: record.synced, removed: record.removed, repeated: true };
    for (let attempt = 0; attempt < 5; attempt++) {
      const ptr = await readPointer(lane);
      if (ptr.co !== null && ptr.gen === record.gen) {
        // The pointer flip of this resync landed but marking its record did not (crash): finish it.
        await markCommitted(syncId, ptr.lastSynced, ptr.lastRemoved);
        return { ok: true, synced: ptr.lastSynced, removed: ptr.lastRemoved, repeated: true };
      }
      if (ptr.co !== null && ptr.co > record.o) return { ok: false, reason: "stale" };
      // Reads only: the counts. The switch itself is the single conditional UpdateItem below.
      const [staged, current] = await Promise.all([generationIds(type, record.gen), generationIds(type, ptr.gen)]);
      if (staged.length === 0 && !opts.allowEmpty) return { ok: false, reason: "empty" };
      const stagedSet = new Set(staged);
      const removed = current.filter((id) => !stagedSet.has(id)).length;
      const names: Record<string, string> = {
        "#gen": "gen",
        "#co": "co",
        "#ls": "ls",
        "#lr": "lr",
        "#dead": "dead",
        "#open": OPEN_PREFIX + syncId,
        "#v": "v",
      };
      const values: Doc = {
        ":gen": record.gen,
        ":o": record.o,
        ":ls": staged.length,
        ":lr": removed,
        ":dead": new Set([ptr.gen]),
        ":v": SCHEMA_VERSION,
      };
      let condition = "(attribute_not_exists(#co) OR #co < :o)";
      if (ptr.exists && ptr.gen !== initialGen(lane)) {
        values[":old"] = ptr.gen;
        condition += " AND #gen = :old";
      } else {
        condition += " AND attribute_not_exists(#gen)";
      }
      try {
        await send(ctx, "UpdateItem", {
          TableName: ctx.tableName,
          Key: pointerKey(lane),
          UpdateExpression: "SET #gen = :gen, #co = :o, #ls = :ls, #lr = :lr, #v = :v REMOVE #open ADD #dead :dead",
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        });
      } catch (error) {
        if (isConditionFailed(error)) continue; // another commit won the race: re-evaluate
        throw error;
      }
      knownGens.set(laneId(lane), {
        current: record.gen,
        open: ptr.open.filter((r) => r.syncId !== syncId && r.x > opts.nowMs).map((r) => r.gen),
        exists: true,
      });
      await markCommitted(syncId, staged.length, removed);
      return { ok: true, synced: staged.length, removed, repeated: false };
    }
    throw new Error("resync commit did not settle after 5 attempts");
  }

  async function markCommitted(syncId: string, synced: number, removed: number) {
    await send(ctx, "UpdateItem", {
      TableName: ctx.tableName,
      Key: { pk: `RESYNC#${syncId}`, sk: "RESYNC" },
      UpdateExpression: "SET #state = :c, #synced = :s, #removed = :r REMOVE #exp, #ttl",
      ExpressionAttributeNames: {
        "#state": "state",
        "#synced": "synced",
        "#removed": "removed",
        "#exp": "exp_ms",
        "#ttl": "expires_at",
      },
      ExpressionAttributeValues: { ":c": "committed", ":s": synced, ":r": removed },
    });
  }

  /**
   * Bounded clean-up of unreachable generations: expired open resyncs are moved to `dead`, then up
   * to GC_BUDGET entries of one dead generation are deleted; an emptied generation leaves `dead`.
   */
  async function collectGarbage(lane: Lane, nowMs: number): Promise<void> {
    const ptr = await readPointer(lane);
    const expired = ptr.open.filter((r) => r.x <= nowMs);
    if (expired.length > 0) {
      const names: Record<string, string> = { "#dead": "dead" };
      const values: Doc = { ":dead": new Set(expired.map((r) => r.gen)) };
      const conditions: string[] = [];
      expired.forEach((r, i) => {
        names[`#o${i}`] = OPEN_PREFIX + r.syncId;
        names["#g"] = "g";
        values[`:g${i}`] = r.gen;
        conditions.push(`#o${i}.#g = :g${i}`);
      });
      try {
        await send(ctx, "UpdateItem", {
          TableName: ctx.tableName,
          Key: pointerKey(lane),
          UpdateExpression: `REMOVE ${expired.map((_, i) => `#o${i}`).join(", ")} ADD #dead :dead`,
          ConditionExpression: conditions.join(" AND "),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        });
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    }
    const live = new Set([ptr.gen, ...ptr.open.filter((r) => r.x > nowMs).map((r) => r.gen)]);
    const victim = ptr.dead.find((gen) => !live.has(gen));
    if (!victim) return;
    const out = await send(ctx, "Query", {
      TableName: ctx.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": libraryPk(lane.type, victim) },
      ProjectionExpression: "pk, sk",
      Limit: GC_BUDGET,
    });
    const keys = (out.Items as Doc[]) ?? [];
    await ctx.client.batchWrite(
      ctx.tableName,
      keys.map((k) => ({ DeleteRequest: { Key: { pk: k.pk, sk: k.sk } } })),
    );
    if (!out.LastEvaluatedKey) {
      await send(ctx, "UpdateItem", {
        TableName: ctx.tableName,
        Key: pointerKey(lane),
        UpdateExpression: "DELETE #dead :gen",
        ExpressionAttributeNames: { "#dead": "dead" },
        ExpressionAttributeValues: { ":gen": new Set([victim]) },
      });
    }
  }

  return { resyncBatch, resyncCommit, collectGarbage };
}
