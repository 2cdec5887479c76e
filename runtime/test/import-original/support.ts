/**
 * The import's test bench: the original's data as a SQLite file or a DynamoDB table on dynalite
 * (both from `@stellarr/testkit/original/*`), this Stellarr's store as SQLite in a DATA_DIR or a
 * DynamoDB table on dynalite, the `stellarr` CLI run in process, and exact observers of writes:
 * every DynamoDB operation on the wire, and on SQLite, triggers that log every row any connection
 * inserts, updates or deletes (plus a dump of every table).
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { originalDynamoItems, type OriginalDevice } from "@stellarr/testkit/original/dataset";
import { seedOriginalTable } from "@stellarr/testkit/original/dynamodb";
import { writeOriginalSqlite } from "@stellarr/testkit/original/sqlite";
import { createDynamoClient } from "../../src/adapters/store/dynamodb/client.js";
import { createSqliteStore } from "../../src/adapters/store/sqlite/index.js";
import { main } from "../../src/cli/stellarr.js";
import type { Store } from "../../src/ports/store.js";
import { createDynaliteStore, dynaliteEndpoint, TEST_CREDENTIALS, TEST_REGION } from "../support/dynalite.js";

export type SourceKind = "sqlite" | "dynamodb";
export type TargetKind = "sqlite" | "dynamodb";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** DynamoDB operations that change a table. */
const WRITE_OPS = new Set(["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"]);

export interface DynamoCall {
  op: string;
  table: string | undefined;
  authorization: string | null;
}

export interface Bench {
  sourceArgs: string[];
  targetArgs: string[];
  /** Environment the CLI sees (dynalite credentials and region; add VAPID keys per test). */
  env: Record<string, string>;
  cwd: string;
  /** Every DynamoDB call the CLI made (source and target), in order. */
  calls: DynamoCall[];
  run(...extra: string[]): Promise<RunResult>;
  /** This Stellarr's store, opened on the target (opened on first use: a dry run must find no SQLite file). */
  store(): Store;
  targetExists(): boolean;
  /** Every row/item of the target, canonical, for before/after equality. */
  snapshot(): Promise<string>;
  /** Writes to the target since `mark` (DynamoDB: write operations on the wire; SQLite: rows written, by the triggers). */
  writesSince(mark: WriteMark): number;
  mark(): WriteMark;
  cleanup(): Promise<void>;
}

export type WriteMark = { calls: number; rowsWritten: number | null };

export async function createBench(source: SourceKind, target: TargetKind, opts: { alice?: OriginalDevice } = {}): Promise<Bench> {
  const dir = await mkdtemp(join(tmpdir(), "stellarr-import-"));
  const calls: DynamoCall[] = [];
  const fetchSpy: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const body = JSON.parse(await request.clone().text()) as { TableName?: string; RequestItems?: Record<string, unknown> };
    calls.push({
      op: (request.headers.get("x-amz-target") ?? "").replace(/^DynamoDB_\d+\./, ""),
      table: body.TableName ?? Object.keys(body.RequestItems ?? {})[0],
      authorization: request.headers.get("authorization"),
    });
    return fetch(input, init);
  };
  const cleanups: (() => Promise<void>)[] = [() => rm(dir, { recursive: true, force: true })];
  const endpoint = await dynaliteEndpoint();
  const rawClient = () => createDynamoClient({ region: TEST_REGION, endpoint, credentials: TEST_CREDENTIALS });

  let sourceArgs: string[];
  if (source === "sqlite") {
    const path = join(dir, "original", "stellarr.db");
    writeOriginalSqlite(path);
    sourceArgs = ["--sqlite", path];
  } else {
    const table = `original-${randomUUID()}`;
    await seedOriginalTable(rawClient(), table, originalDynamoItems({ alice: opts.alice }));
    cleanups.push(() =>
      rawClient()
        .call("DeleteTable", { TableName: table })
        .then(
          () => undefined,
          () => undefined,
        ),
    );
    sourceArgs = ["--dynamodb-table", table, "--endpoint", endpoint];
  }

  let targetArgs: string[];
  let store: () => Store;
  let targetExists = () => true;
  let snapshot: () => Promise<string>;
  let rowsWritten = (): number | null => 0;
  let targetTable: string | undefined;
  if (target === "sqlite") {
    const dataDir = join(dir, "data");
    const path = join(dataDir, "stellarr.db");
    targetArgs = ["--data-dir", dataDir];
    let opened: Store | null = null;
    store = () => (opened ??= createSqliteStore({ path }));
    targetExists = () => existsSync(path);
    // Persistent triggers fire for every connection's writes (a write that changes nothing, such as
    // an INSERT … ON CONFLICT DO NOTHING, fires none): null while there is no database yet.
    rowsWritten = () => {
      if (!existsSync(path)) return null;
      const db = new Database(path);
      try {
        db.exec("CREATE TABLE IF NOT EXISTS test_writes (tbl TEXT NOT NULL)");
        const tables = db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('test_writes', 'sqlite_sequence')")
          .pluck()
          .all() as string[];
        for (const t of tables) {
          for (const event of ["INSERT", "UPDATE", "DELETE"]) {
            db.exec(
              `CREATE TRIGGER IF NOT EXISTS test_${t}_${event} AFTER ${event} ON "${t}" BEGIN INSERT INTO test_writes VALUES ('${t}'); END`,
            );
          }
        }
        return db.prepare("SELECT COUNT(*) FROM test_writes").pluck().get() as number;
      } finally {
        db.close();
      }
    };
    snapshot = async () => {
      if (!existsSync(path)) return "(no database)";
      const db = new Database(path, { readonly: true });
      try {
        const tables = db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'test_writes' ORDER BY name")
          .pluck()
          .all() as string[];
        const rows = (t: string) => (db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort();
        return JSON.stringify(tables.map((t) => [t, rows(t)]));
      } finally {
        db.close();
      }
    };
    cleanups.unshift(async () => {
      await opened?.close();
    });
  } else {
    const made = await createDynaliteStore();
    targetTable = made.options.tableName;
    targetArgs = ["--to-dynamodb-table", targetTable, "--to-endpoint", endpoint];
    store = () => made.store;
    snapshot = async () => {
      const items: string[] = [];
      await rawClient().scanForeignTable(targetTable!, (page) => items.push(...page.map((i) => JSON.stringify(i, Object.keys(i).sort()))));
      return JSON.stringify(items.sort());
    };
    cleanups.unshift(() => made.cleanup());
  }

  const env: Record<string, string> = {
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_REGION: TEST_REGION,
  };
  const bench: Bench = {
    sourceArgs,
    targetArgs,
    env,
    cwd: dir,
    calls,
    async run(...extra) {
      let stdout = "";
      let stderr = "";
      const code = await main(["import-original", ...sourceArgs, ...targetArgs, ...extra], {
        stdout: { write: (s: string) => void (stdout += s), isTTY: false },
        stderr: { write: (s: string) => void (stderr += s) },
        env: bench.env,
        fetch: fetchSpy,
        cwd: dir,
      });
      return { code, stdout, stderr };
    },
    store: () => store(),
    targetExists: () => targetExists(),
    snapshot: () => snapshot(),
    mark: () => ({ calls: calls.length, rowsWritten: rowsWritten() }),
    writesSince(mark) {
      if (target === "dynamodb") return calls.slice(mark.calls).filter((c) => c.table === targetTable && WRITE_OPS.has(c.op)).length;
      const now = rowsWritten();
      if (mark.rowsWritten === null) return now === null ? 0 : 1;
      return now! - mark.rowsWritten;
    },
    async cleanup() {
      for (const c of cleanups) await c();
    },
  };
  return bench;
}
