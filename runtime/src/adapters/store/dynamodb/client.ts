/**
 * A minimal DynamoDB document client: lib/sigv4.ts signs, `sendSigned` (lib/aws-transport.ts) sends, `@aws-sdk/util-dynamodb`
 * (≈5 KB bundled) converts between plain JS values and DynamoDB JSON. No AWS SDK client on the
 * request path (see `lib-dynamodb-stub.ts`).
 *
 * It also owns the operational policy of the adapter:
 * - every HTTP attempt is counted in `stats.roundTrips`;
 * - throttling (400 `ProvisionedThroughputExceeded`/`Throttling`/`RequestLimitExceeded`), 5xx and
 *   network errors are retried with capped exponential backoff and full jitter (not the shared
 *   `AwsHttpClient`'s retries: they would not retry DynamoDB's 400 throttling);
 * - exhausted retries, network failures and an unusable table/credentials become
 *   `StoreUnavailableError` (the API answers 503); other service errors become `DynamoError`;
 * - unprocessed batch keys/items are re-sent with the same backoff;
 * - every attempt and backoff ends before the current deadline (`lib/deadline.ts`): an attempt
 *   waits `min(attemptTimeoutMs, remaining)`, and no retry starts that could not get
 *   `MIN_ATTEMPT_MS` before the deadline — the last error is thrown instead, while the request can
 *   still answer 503 with Retry-After.
 */
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import { StoreUnavailableError, type StoreStats } from "../../../ports/store/index.js";
import type { AwsCredentials } from "../../../lib/aws-credentials.js";
import { transportOver, type AwsResponse } from "../../../lib/aws-transport.js";
import { currentDeadline } from "../../../lib/deadline.js";
import { createSigner } from "../../../lib/sigv4.js";

/** Plain JS attribute map (DocumentClient style). */
export type Doc = Record<string, unknown>;

/** The same keys as every other AWS client here (`lib/aws-credentials.ts`). */
export type DynamoCredentials = AwsCredentials;

export interface DynamoClientOptions {
  region: string;
  /** Defaults to `https://dynamodb.<region>.amazonaws.com`. */
  endpoint?: string;
  credentials: DynamoCredentials;
  /** Injected transport (tests wrap it to observe calls; it receives a `Request`). Defaults to `sendSigned` (node:http/https, keep-alive). */
  fetch?: typeof fetch;
  /** Attempts per call including the first (default 6) and the backoff base (default 25 ms). */
  retry?: { attempts?: number; baseMs?: number };
  /** Per-attempt time limit (default 5 s), shortened to what is left of the current deadline: a hung connection is retried, not waited on. */
  attemptTimeoutMs?: number;
}

/** A retry is started only when at least this long is left before the deadline after its backoff. */
export const MIN_ATTEMPT_MS = 100;

/** A DynamoDB service error that is not an outage (e.g. `ConditionalCheckFailedException`, `ValidationException`). */
export class DynamoError extends Error {
  override readonly name = "DynamoError";
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** The item a failed condition was checked against (`ReturnValuesOnConditionCheckFailure: ALL_OLD`; AWS only). */
    readonly item?: Doc,
  ) {
    super(`${code}: ${message}`);
  }
}

export const isConditionFailed = (error: unknown): boolean =>
  error instanceof DynamoError && error.code === "ConditionalCheckFailedException";

const THROTTLING = new Set(["ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded"]);
/** The table or the credentials are unusable, or the table is full: answered 503 rather than 500. */
const UNAVAILABLE = new Set([
  "ResourceNotFoundException",
  "ItemCollectionSizeLimitExceededException",
  "LimitExceededException",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "MissingAuthenticationTokenException",
  "ExpiredTokenException",
  "AccessDeniedException",
  "ServiceUnavailable",
  "InternalServerError",
]);

const marshallOpts = { removeUndefinedValues: true, convertClassInstanceToMap: false } as const;
const toWireMap = (value: unknown) => marshall(value as Doc, marshallOpts);

/** DocumentClient-style input → DynamoDB JSON. `ToolboxItem` (added by toolbox's put/update builders) is dropped. */
export function toWire(params: Doc): Doc {
  const out: Doc = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || key === "ToolboxItem") continue;
    switch (key) {
      case "Item":
      case "Key":
      case "ExpressionAttributeValues":
      case "ExclusiveStartKey":
        out[key] = toWireMap(value);
        break;
      case "RequestItems":
        out[key] = requestItemsToWire(value as Record<string, unknown>);
        break;
      default:
        out[key] = value;
    }
  }
  return out;
}

function requestItemsToWire(requestItems: Record<string, unknown>): Doc {
  const out: Doc = {};
  for (const [table, spec] of Object.entries(requestItems)) {
    if (Array.isArray(spec)) {
      // BatchWriteItem: [{ PutRequest: { Item } } | { DeleteRequest: { Key } }]
      out[table] = spec.map((request: Doc) =>
        "PutRequest" in request
          ? { PutRequest: { Item: toWireMap((request.PutRequest as Doc).Item) } }
          : { DeleteRequest: { Key: toWireMap((request.DeleteRequest as Doc).Key) } },
      );
    } else {
      // BatchGetItem: { Keys, ConsistentRead?, ProjectionExpression?, ExpressionAttributeNames? }
      const s = spec as Doc;
      out[table] = { ...s, Keys: (s.Keys as Doc[]).map(toWireMap) };
    }
  }
  return out;
}

const fromWireMap = (value: unknown): Doc => unmarshall(value as Parameters<typeof unmarshall>[0]) as Doc;

/** DynamoDB JSON response → plain JS values (items, keys, batch responses and unprocessed work). */
export function fromWire(response: Doc): Doc {
  const out: Doc = { ...response };
  if (response.Item) out.Item = fromWireMap(response.Item);
  if (response.Attributes) out.Attributes = fromWireMap(response.Attributes);
  if (response.LastEvaluatedKey) out.LastEvaluatedKey = fromWireMap(response.LastEvaluatedKey);
  if (Array.isArray(response.Items)) out.Items = response.Items.map(fromWireMap);
  if (response.Responses) {
    const responses: Record<string, Doc[]> = {};
    for (const [table, items] of Object.entries(response.Responses as Record<string, unknown[]>)) {
      responses[table] = items.map(fromWireMap);
    }
    out.Responses = responses;
  }
  if (response.UnprocessedKeys) {
    const unprocessed: Doc = {};
    for (const [table, spec] of Object.entries(response.UnprocessedKeys as Record<string, Doc>)) {
      unprocessed[table] = { ...spec, Keys: (spec.Keys as unknown[]).map(fromWireMap) };
    }
    out.UnprocessedKeys = unprocessed;
  }
  if (response.UnprocessedItems) {
    const unprocessed: Doc = {};
    for (const [table, requests] of Object.entries(response.UnprocessedItems as Record<string, Doc[]>)) {
      unprocessed[table] = requests.map((r) =>
        "PutRequest" in r
          ? { PutRequest: { Item: fromWireMap((r.PutRequest as Doc).Item) } }
          : { DeleteRequest: { Key: fromWireMap((r.DeleteRequest as Doc).Key) } },
      );
    }
    out.UnprocessedItems = unprocessed;
  }
  return out;
}

export interface DynamoClient {
  readonly stats: StoreStats;
  /** One DynamoDB operation (`op` is the X-Amz-Target suffix, e.g. `GetItem`), with retries. */
  call(op: string, params: Doc): Promise<Doc>;
  /** Every key, in ≤100-key BatchGetItem calls; unprocessed keys are retried. Returns the found items. */
  batchGet(table: string, keys: Doc[], opts?: { consistent?: boolean }): Promise<Doc[]>;
  /** Puts and deletes in ≤25-request BatchWriteItem calls; unprocessed items are retried. */
  batchWrite(table: string, requests: Doc[]): Promise<void>;
  /** Every page of a Query (follows `LastEvaluatedKey`); `onPage` may stop early by returning false. */
  queryAll(params: Doc, onPage?: (items: Doc[]) => boolean | void): Promise<Doc[]>;
  /**
   * Every page of a Scan of ANOTHER table — only `stellarr import-original`'s one-time read of the
   * original Stellarr's table — with items as raw DynamoDB JSON (`{"S": …}`, `{"N": …}`), so the
   * reader sees each attribute's stored type. Stellarr's own table is never scanned (`call` refuses).
   */
  scanForeignTable(tableName: string, onPage: (items: Doc[]) => void): Promise<void>;
  /** The `documentClient` toolbox's `.send()` expects (commands carry `op` and `input`). */
  readonly documentClient: { send(command: { op?: string; input: Doc }): Promise<Doc> };
}

export function createDynamoClient(options: DynamoClientOptions): DynamoClient {
  const endpoint = options.endpoint ?? `https://dynamodb.${options.region}.amazonaws.com/`;
  const send = transportOver(options.fetch);
  const attempts = Math.max(1, options.retry?.attempts ?? 6);
  const baseMs = options.retry?.baseMs ?? 25;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 5000;
  const sign = createSigner({ ...options.credentials, service: "dynamodb", region: options.region });
  const stats: StoreStats = { roundTrips: 0 };

  /**
   * Waits before retry number `attempt + 1`, or throws `error()` when that retry could not get
   * `MIN_ATTEMPT_MS` before the current deadline (the sleep never runs past it).
   */
  const backoffOrThrow = async (attempt: number, error: () => unknown): Promise<void> => {
    const delay = Math.random() * Math.min(1000, baseMs * 2 ** attempt);
    if (!currentDeadline().fits(delay + MIN_ATTEMPT_MS)) throw error();
    await new Promise<void>((resolve) => setTimeout(resolve, delay));
  };

  /** One attempt; `result` is the response as DynamoDB JSON (callers convert it). */
  async function once(op: string, body: string): Promise<{ retry: boolean; error?: unknown; result?: Doc }> {
    const deadline = currentDeadline();
    if (deadline.remaining() === 0) return { retry: false, error: pastDeadline() };
    stats.roundTrips += 1;
    let response: AwsResponse;
    let json: Doc | undefined;
    try {
      const signed = sign({
        method: "POST",
        url: endpoint,
        body,
        headers: { "x-amz-target": `DynamoDB_20120810.${op}`, "content-type": "application/x-amz-json-1.0" },
      });
      const signal = deadline.signalFor(attemptTimeoutMs);
      response = await send(signed, signal);
      json = await readJson(response, signal);
    } catch (cause) {
      if (deadline.remaining() === 0) return { retry: false, error: pastDeadline(cause) };
      return { retry: true, error: new StoreUnavailableError("DynamoDB is unreachable", { cause }) };
    }
    if (json === undefined) {
      return { retry: true, error: new StoreUnavailableError(`DynamoDB answered ${response.status} without JSON`) };
    }
    if (response.ok) return { retry: false, result: json };
    const type = String(json.__type ?? "UnknownError");
    const code = type.slice(type.lastIndexOf("#") + 1);
    const message = String(json.message ?? json.Message ?? "");
    if (THROTTLING.has(code) || response.status >= 500) {
      return { retry: true, error: new StoreUnavailableError(`DynamoDB ${code}`, { retryAfterSeconds: 2 }) };
    }
    if (UNAVAILABLE.has(code)) {
      return { retry: false, error: new StoreUnavailableError(`DynamoDB ${code}`) };
    }
    const item = json.Item ? fromWireMap(json.Item) : undefined;
    return { retry: false, error: new DynamoError(code, message, response.status, item) };
  }

  /** One operation with retries; the response as DynamoDB JSON. */
  async function callWire(op: string, body: string): Promise<Doc> {
    for (let attempt = 0; ; attempt++) {
      const outcome = await once(op, body);
      if (outcome.result) return outcome.result;
      if (!outcome.retry || attempt + 1 >= attempts) throw outcome.error;
      await backoffOrThrow(attempt, () => outcome.error);
    }
  }

  async function call(op: string, params: Doc): Promise<Doc> {
    // The design serves every access pattern by key; a Scan would be a bug that grows with the table.
    if (op === "Scan") throw new Error("Scan is not allowed on the Stellarr table");
    return fromWire(await callWire(op, JSON.stringify(toWire(params))));
  }

  async function scanForeignTable(tableName: string, onPage: (items: Doc[]) => void): Promise<void> {
    let start: unknown;
    do {
      const out = await callWire("Scan", JSON.stringify({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }));
      onPage((out.Items as Doc[] | undefined) ?? []);
      start = out.LastEvaluatedKey;
    } while (start);
  }

  async function batchGet(table: string, keys: Doc[], opts: { consistent?: boolean } = {}): Promise<Doc[]> {
    const found: Doc[] = [];
    for (let i = 0; i < keys.length; i += 100) {
      let pending: Doc[] = keys.slice(i, i + 100);
      for (let attempt = 0; pending.length > 0; attempt++) {
        const unprocessed = () => new StoreUnavailableError("DynamoDB left batch keys unprocessed", { retryAfterSeconds: 2 });
        if (attempt >= attempts) throw unprocessed();
        if (attempt > 0) await backoffOrThrow(attempt - 1, unprocessed);
        const out = await call("BatchGetItem", {
          RequestItems: { [table]: { Keys: pending, ConsistentRead: opts.consistent ?? false } },
        });
        found.push(...((out.Responses as Record<string, Doc[]> | undefined)?.[table] ?? []));
        pending = ((out.UnprocessedKeys as Record<string, Doc> | undefined)?.[table]?.Keys as Doc[] | undefined) ?? [];
      }
    }
    return found;
  }

  async function batchWrite(table: string, requests: Doc[]): Promise<void> {
    for (let i = 0; i < requests.length; i += 25) {
      // BatchWriteItem takes at most 25 requests per call.
      let pending: Doc[] = requests.slice(i, i + 25);
      for (let attempt = 0; pending.length > 0; attempt++) {
        const unprocessed = () => new StoreUnavailableError("DynamoDB left batch items unprocessed", { retryAfterSeconds: 2 });
        if (attempt >= attempts) throw unprocessed();
        if (attempt > 0) await backoffOrThrow(attempt - 1, unprocessed);
        const out = await call("BatchWriteItem", { RequestItems: { [table]: pending } });
        pending = (out.UnprocessedItems as Record<string, Doc[]> | undefined)?.[table] ?? [];
      }
    }
  }

  async function queryAll(params: Doc, onPage?: (items: Doc[]) => boolean | void): Promise<Doc[]> {
    const all: Doc[] = [];
    let start: Doc | undefined;
    do {
      const out = await call("Query", start ? { ...params, ExclusiveStartKey: start } : params);
      const items = (out.Items as Doc[] | undefined) ?? [];
      all.push(...items);
      start = out.LastEvaluatedKey as Doc | undefined;
      if (onPage && onPage(items) === false) break;
    } while (start);
    return all;
  }

  const documentClient = {
    // toolbox passes lib-dynamodb command instances (or our stub's): the operation is `op` on the
    // stub; the real SDK classes are mapped by name, which is only reachable unminified (tests).
    async send(command: { op?: string; input: Doc; constructor: { name: string } }): Promise<Doc> {
      const op = command.op ?? SDK_COMMAND_OPS[command.constructor.name];
      if (!op) throw new Error(`Unsupported document client command ${command.constructor.name}`);
      return call(op, command.input);
    },
  };

  return { stats, call, batchGet, batchWrite, queryAll, scanForeignTable, documentClient };
}

/** The deadline passed: the request answers 503 now; a write this attempt sent may have landed (every write here is conditional or idempotent). */
const pastDeadline = (cause?: unknown) =>
  new StoreUnavailableError("DynamoDB did not answer before the request's deadline", { cause, retryAfterSeconds: 2 });

/** The body as JSON, `undefined` when it is not JSON; throws when the attempt times out meanwhile. */
async function readJson(response: AwsResponse, signal: AbortSignal): Promise<Doc | undefined> {
  const text = await response.text();
  signal.throwIfAborted();
  try {
    return JSON.parse(text) as Doc;
  } catch {
    return undefined;
  }
}

const SDK_COMMAND_OPS: Record<string, string> = {
  GetCommand: "GetItem",
  PutCommand: "PutItem",
  DeleteCommand: "DeleteItem",
  UpdateCommand: "UpdateItem",
  QueryCommand: "Query",
  BatchGetCommand: "BatchGetItem",
  BatchWriteCommand: "BatchWriteItem",
};
