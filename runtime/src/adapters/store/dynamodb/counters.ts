/** The atomic counters of the META item: request `seq` (newest-first order) and resync open order. */
import type { Doc } from "./client.js";
import { send, type Ctx } from "./context.js";
import { META_KEY } from "./schema.js";

/**
 * Next value of an atomic counter of the META item (UpdateItem ADD returns the new value). The
 * request `seq` call also bumps the change token (`changes.ts`): the put that follows it then
 * needs no call of its own.
 */
export async function nextCounter(ctx: Ctx, counter: "req" | "rs"): Promise<number> {
  const bump = counter === "req" ? ctx.changes.counterClauses() : null;
  const out = await send(ctx, "UpdateItem", {
    TableName: ctx.tableName,
    Key: META_KEY,
    UpdateExpression: bump ? `ADD #c :one, ${bump.add} SET #v = :v, ${bump.set}` : "ADD #c :one SET #v = :v",
    ExpressionAttributeNames: { "#c": counter, "#v": "v", ...bump?.names },
    ExpressionAttributeValues: { ":one": 1, ":v": 1, ...bump?.values },
    ReturnValues: "UPDATED_NEW",
  });
  return Number((out.Attributes as Doc)[counter]);
}
