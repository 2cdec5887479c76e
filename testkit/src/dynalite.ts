/**
 * dynalite (an in-memory DynamoDB) for tests: one server per test worker, started on first use on
 * 127.0.0.1:0, and a fresh uniquely named table per store. dynalite does not check SigV4 signatures,
 * expire TTL items or implement transactions (see runtime/test/adapters/store/dynamodb-sigv4.test.ts for signatures).
 */
import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import type { Store } from "@stellarr/runtime/internal/ports/store/index";
import { createDynamoStore, createDynamoTable, type DynamoStoreOptions } from "@stellarr/runtime/internal/adapters/store/dynamodb/index";
import { createDynamoClient } from "@stellarr/runtime/internal/adapters/store/dynamodb/client";

const require = createRequire(import.meta.url);
// dynalite ships no types: it is a CommonJS factory returning an http.Server.
const dynalite = require("dynalite") as (options: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => Server;

export const TEST_CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
export const TEST_REGION = "us-east-1";

let server: Promise<{ endpoint: string; server: Server }> | null = null;

/** The worker's dynalite server (started once, unref'd so it never keeps the process alive). */
export function dynaliteEndpoint(): Promise<string> {
  server ??= new Promise((resolve, reject) => {
    const s = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      s.unref();
      const { port } = s.address() as AddressInfo;
      resolve({ endpoint: `http://127.0.0.1:${port}/`, server: s });
    });
  });
  return server.then((s) => s.endpoint);
}

export interface DynaliteTable {
  options: DynamoStoreOptions;
  store: Store;
  cleanup(): Promise<void>;
}

/** A fresh table on the worker's dynalite, and a store on it (extra options e.g. a wrapped `fetch`). */
export async function createDynaliteStore(extra: Partial<DynamoStoreOptions> = {}): Promise<DynaliteTable> {
  const endpoint = await dynaliteEndpoint();
  const options: DynamoStoreOptions = {
    tableName: `stellarr-${randomUUID()}`,
    region: TEST_REGION,
    endpoint,
    credentials: TEST_CREDENTIALS,
    retry: { attempts: 4, baseMs: 5 },
    ...extra,
  };
  await createDynamoTable({ ...options, fetch: undefined });
  const store = createDynamoStore(options);
  return {
    options,
    store,
    async cleanup() {
      await store.close();
      await createDynamoClient({ ...options, fetch: undefined })
        .call("DeleteTable", { TableName: options.tableName })
        .catch(() => undefined);
    },
  };
}

/** Shape of `storeFactories` entries (`stores.ts`). */
export const dynamoStoreFactory = {
  name: "dynamodb",
  async create(): Promise<{ store: Store; cleanup(): Promise<void> }> {
    const { store, cleanup } = await createDynaliteStore();
    return { store, cleanup };
  },
};
