import type { ChangeBumps } from "./changes.js";
import { isConditionFailed, type DynamoClient, type Doc } from "./client.js";
import type { Model } from "./schema.js";

/** What every operation module of the adapter needs: the signed client, the toolbox model, the table name. */
export interface Ctx {
  /** The signed client, wrapped so that writes of requests and library bump the change token (`changes.ts`). */
  client: DynamoClient;
  changes: ChangeBumps;
  model: Model;
  tableName: string;
}

/** Sends toolbox-built params (DocumentClient style) through the signed client. */
export const send = (ctx: Ctx, op: string, params: Doc) => ctx.client.call(op, params);

/**
 * A conditional write: true when it was made, false when its condition failed (another writer got
 * there first); any other error is thrown.
 */
export async function writeIf(ctx: Ctx, op: string, params: Doc): Promise<boolean> {
  try {
    await send(ctx, op, params);
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/**
 * The condition of "first write, or the earlier item has expired": the item is absent (`key`) or
 * its millisecond expiry (`expiry`) has passed. TTL deletes expired items late on AWS and never on
 * dynalite, so an expired item may still be there.
 */
export const absentOrExpired = <K extends string, E extends string>(key: K, expiry: E, nowMs: number) => ({
  or: [
    { attr: key, exists: false as const },
    { attr: expiry, lte: nowMs },
  ] as [{ attr: K; exists: false }, { attr: E; lte: number }],
});

/** Drops null and undefined fields: the table stores a null as an absent attribute. */
export function withoutNulls<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], null> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v;
  return out as { [K in keyof T]?: Exclude<T[K], null> };
}

/** Toolbox params without the `ToolboxItem` it adds to put builders (the signed client sends plain params). */
export const withoutToolboxItem = <T extends { ToolboxItem?: unknown }>(params: T): Doc => {
  const { ToolboxItem: _ignored, ...rest } = params;
  return rest as Doc;
};
