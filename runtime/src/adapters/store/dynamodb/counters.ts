/** The atomic counters of the META item: request `seq` (newest-first order) and resync open order. */
import type { Doc } from "./client.js";
import { send, type Ctx } from "./context.js";
import { META_KEY } from "./schema.js";

/** Next value of an atomic counter of the META item (UpdateItem ADD returns the new value). */
export async function nextCounter(ctx: Ctx, counter: "req" | "rs"): Promise<number> {
  const out = await send(ctx, "UpdateItem", {
    TableName: ctx.tableName,
    Key: META_KEY,
    UpdateExpression: "ADD #c :one SET #v = :v",
    ExpressionAttributeNames: { "#c": counter, "#v": "v" },
    ExpressionAttributeValues: { ":one": 1, ":v": 1 },
    ReturnValues: "UPDATED_NEW",
  });
  return Number((out.Attributes as Doc)[counter]);
}
