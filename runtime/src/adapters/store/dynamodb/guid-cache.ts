/** The GUID cache on DynamoDB: one `GUID#<guid>` item per guid (the library upsert also writes them, in its own batches). */
import { GetItemCommand, PutItemCommand } from "dynamodb-toolbox";
import type { GuidCacheStore, GuidMapping } from "../../../ports/store/guid-cache.js";
import type { MediaType } from "../../../ports/store/index.js";
import type { Doc } from "./client.js";
import { send, type Ctx } from "./context.js";

/** The item of a GUID mapping (for PutItem, and for the library upsert's BatchWriteItem). */
export function guidItem(ctx: Ctx, guid: string, mapping: GuidMapping): Doc {
  const params = ctx.model.GuidEntity.build(PutItemCommand)
    .item({ guid, media_type: mapping.media_type, tmdb_id: mapping.tmdb_id, tvdb_id: mapping.tvdb_id ?? undefined })
    .params();
  return params.Item as Doc;
}

/** The mapping a GUID item holds for exactly `guid` (a long guid's key part is a hash, so the guid itself is compared). */
export function guidMapping(doc: Doc | undefined, guid: string): GuidMapping | null {
  if (!doc || doc.guid !== guid) return null;
  return {
    media_type: doc.media_type as MediaType,
    tmdb_id: Number(doc.tmdb_id),
    tvdb_id: typeof doc.tvdb_id === "number" ? doc.tvdb_id : null,
  };
}

export function createDynamoGuidCache(ctx: Ctx): GuidCacheStore {
  const { GuidEntity } = ctx.model;

  async function getGuid(guid: string): Promise<GuidMapping | null> {
    const out = await send(ctx, "GetItem", GuidEntity.build(GetItemCommand).key({ guid }).params());
    return guidMapping(out.Item as Doc | undefined, guid);
  }

  async function putGuid(guid: string, mapping: GuidMapping): Promise<void> {
    await send(ctx, "PutItem", { TableName: ctx.tableName, Item: guidItem(ctx, guid, mapping) });
  }

  return { getGuid, putGuid };
}
