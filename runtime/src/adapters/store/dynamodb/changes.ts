/**
 * The change token on DynamoDB (ports/store/changes.ts), without transactions (dynalite has none)
 * and without a call of its own on the budgeted paths.
 *
 * The token is read in ONE BatchGetItem: the META counter item (`chg`, bumped with `chg_at` by every
 * request write), the `META`/`LIBCHG` item (a fresh random `tok` and `at`, put in every
 * BatchWriteItem that writes library or request items) and every library source's pointers (a
 * resync commit is one pointer write, so it changes the token by itself).
 *
 * Bumps ride in the writes themselves, by wrapping the client (`withChangeBumps`), so a new write
 * path cannot forget them:
 * - a BatchWriteItem touching `LIB#…` or `REQ` items carries the LIBCHG put in every 25-item call;
 * - a single-item write of a `REQ` item is followed, when it succeeded, by one UpdateItem of the
 *   counter, unless this process bumped less than `SKIP_MS` ago (the request insert bumps in the
 *   `seq` UpdateItem just before its put; the webhook's library write just before the flip), which
 *   keeps request creation at 4 and the webhook at 6 round trips.
 * A bump may land shortly before its write (or, when skipped, a little earlier still), so a token
 * is `settled` only `SETTLE_MS` after its newest bump: longer than the skip window plus a write's
 * worst case (6 attempts × 5 s). Until then callers hash the body as before. A process that dies
 * between a flip and its follow-up bump would leave the token behind the data, so the token also
 * rolls over every `ROLL_MS`: stale at worst for that long in that rare case.
 */
import { createHash, randomBytes } from "node:crypto";
import type { ChangeStore, ChangeToken } from "../../../ports/store/changes.js";
import type { DynamoClient, Doc } from "./client.js";
import { LIBRARY_SOURCE_NAMES, META_KEY, POINTER_PK, REQ_PK, laneId, pointerKey, type Lane } from "./schema.js";

/** Every source's pointer of each type: a resync commit of any source is one pointer write. */
const LANES: readonly Lane[] = LIBRARY_SOURCE_NAMES.flatMap((source) => (["movie", "tv"] as const).map((type) => ({ source, type })));

export const LIB_CHANGE_KEY = { pk: "META", sk: "LIBCHG" } as const;
export const SKIP_MS = 15_000;
export const SETTLE_MS = 120_000;
export const ROLL_MS = 10 * 60_000;

const WRITE_OPS = new Set(["PutItem", "UpdateItem", "DeleteItem"]);

export interface ChangeBumps extends ChangeStore {
  /** The client every module uses: writes of requests and library bump the token (see above). */
  readonly client: DynamoClient;
  /** The META UpdateItem clauses of a bump, for a call that updates META anyway (the request `seq`). */
  counterClauses(): { add: string; set: string; values: Doc; names: Doc };
}

export function withChangeBumps(inner: DynamoClient, tableName: string, now: () => number = Date.now): ChangeBumps {
  let lastBumpMs = -Infinity;

  function counterClauses() {
    const at = now();
    lastBumpMs = at;
    return { add: "#chg :one", set: "#chgat = :chgat", values: { ":one": 1, ":chgat": at }, names: { "#chg": "chg", "#chgat": "chg_at" } };
  }

  async function bumpCounter(): Promise<void> {
    const c = counterClauses();
    await inner.call("UpdateItem", {
      TableName: tableName,
      Key: META_KEY,
      UpdateExpression: `ADD ${c.add} SET ${c.set}`,
      ExpressionAttributeNames: c.names,
      ExpressionAttributeValues: c.values,
    });
  }

  const isRequestKey = (params: Doc): boolean => {
    const key = (params.Key ?? params.Item) as Doc | undefined;
    return params.TableName === tableName && key?.pk === REQ_PK;
  };

  const touchesData = (request: Doc): boolean => {
    const key = ((request.PutRequest as Doc | undefined)?.Item ?? (request.DeleteRequest as Doc | undefined)?.Key) as Doc | undefined;
    const pk = typeof key?.pk === "string" ? key.pk : "";
    return pk === REQ_PK || pk.startsWith("LIB#");
  };

  const client: DynamoClient = {
    ...inner,
    async call(op, params) {
      const out = await inner.call(op, params);
      if (WRITE_OPS.has(op) && isRequestKey(params) && now() - lastBumpMs >= SKIP_MS) await bumpCounter();
      return out;
    },
    async batchWrite(table, requests) {
      if (table !== tableName || !requests.some(touchesData)) return inner.batchWrite(table, requests);
      for (let i = 0; i < requests.length; i += 24) {
        const at = now();
        lastBumpMs = at;
        const bump = { PutRequest: { Item: { ...LIB_CHANGE_KEY, tok: randomBytes(9).toString("base64url"), at, v: 1 } } };
        await inner.batchWrite(table, [...requests.slice(i, i + 24), bump]);
      }
    },
  };

  async function changeToken(): Promise<ChangeToken> {
    const docs = await inner.batchGet(tableName, [META_KEY, LIB_CHANGE_KEY, ...LANES.map(pointerKey)], { consistent: true });
    const find = (pk: string, sk: string) => docs.find((d) => d.pk === pk && d.sk === sk);
    const meta = find(META_KEY.pk, META_KEY.sk);
    const lib = find(LIB_CHANGE_KEY.pk, LIB_CHANGE_KEY.sk);
    const t = now();
    const parts = [
      meta?.chg ?? 0,
      lib?.tok ?? "",
      ...LANES.map((lane) => find(POINTER_PK, laneId(lane))?.gen ?? ""),
      Math.floor(t / ROLL_MS),
    ];
    const newest = Math.max(Number(meta?.chg_at ?? 0), Number(lib?.at ?? 0));
    return {
      value: createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 22),
      settled: t - newest >= SETTLE_MS,
    };
  }

  return { client, counterClauses, changeToken };
}
