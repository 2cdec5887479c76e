/**
 * Every store adapter the shared suites run against. The contract suite and the API suites use
 * `describe.each(storeFactories)`, so a new adapter only has to add itself here.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteStore } from "@stellarr/runtime/internal/adapters/store/sqlite/index";
import type { Store } from "@stellarr/runtime/internal/ports/store/index";

export interface StoreFactory {
  name: string;
  create(): Promise<{ store: Store; cleanup(): Promise<void> }>;
}

export const sqliteStoreFactory: StoreFactory = {
  name: "sqlite",
  async create() {
    const dir = await mkdtemp(join(tmpdir(), "stellarr-sqlite-"));
    const store = createSqliteStore({ path: join(dir, "stellarr.db") });
    return {
      store,
      async cleanup() {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

export const storeFactories: StoreFactory[] = [
  sqliteStoreFactory,
  { name: "dynamodb", create: async () => (await import("./dynalite.js")).dynamoStoreFactory.create() },
];
