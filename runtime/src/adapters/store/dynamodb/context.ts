import type { DynamoClient, Doc } from "./client.js";
import type { Model } from "./schema.js";

/** What every operation module of the adapter needs: the signed client, the toolbox model, the table name. */
export interface Ctx {
  client: DynamoClient;
  model: Model;
  tableName: string;
}

/** Sends toolbox-built params (DocumentClient style) through the signed client. */
export const send = (ctx: Ctx, op: string, params: Doc) => ctx.client.call(op, params);

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
