/**
 * The `stellarr import-original` command (product.md §13): reads the original Stellarr's data — its
 * SQLite file or its DynamoDB table — and writes it into this Stellarr's store, the one the server
 * uses with the same configuration (SQLite in DATA_DIR, or `--to-dynamodb-table`), through
 * `app/import-original/`. Idempotent, with a `--dry-run` report; exit status 0 ok, 1 failure, 2
 * usage (as `plex-sync`). Options and output: `cli/import-original.ts`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { originalDynamoSource } from "../adapters/original/dynamodb.js";
import { originalSqliteSource } from "../adapters/original/sqlite.js";
import { createDynamoClient } from "../adapters/store/dynamodb/client.js";
import { createDynamoStore } from "../adapters/store/dynamodb/index.js";
import { createSqliteStore } from "../adapters/store/sqlite/index.js";
import { MIGRATIONS } from "../adapters/store/sqlite/migrations.js";
import { importOriginal, type ImportReport, type ImportTarget } from "../app/import-original/import-original.js";
import { readOriginal } from "../app/import-original/source.js";
import { UsageError } from "../cli/args.js";
import { phasedProgress, printReport, warnAboutVapid, type Env, type ImportOriginalOptions } from "../cli/import-original.js";
import { resolveAwsCredentials, resolveAwsRegion } from "../lib/aws-credential-chain.js";
import { errorMessage } from "../lib/errors.js";
import type { OriginalSource } from "../ports/original-source.js";
import type { Store } from "../ports/store/index.js";
import type { CliIo } from "./cli.js";

export interface ImportIo extends CliIo {
  /** Where `DATA_DIR` and `.env` are resolved (default: the process's working directory). */
  cwd?: string;
}

/** One line, for errors: a driver's message may span several. */
const oneLine = (err: unknown): string => errorMessage(err).replace(/\s+/g, " ").trim();

export async function runImportOriginal(opts: ImportOriginalOptions, io: ImportIo): Promise<number> {
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const err = (line: string) => io.stderr.write(`${line}\n`);

  // 1. This Stellarr's store first: a wrong table or bad credentials fail before a long read.
  let target: { store: ImportTarget; label: string; close(): Promise<void> };
  try {
    target = await openTarget(opts, io);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    err(`error: cannot use this Stellarr's store: ${oneLine(e)}`);
    return 1;
  }

  try {
    // 2. The original's data.
    let source: OriginalSource;
    try {
      source = await openSource(opts, io);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      err(`error: cannot read the original's data: ${oneLine(e)}`);
      return 1;
    }
    out(`Reading ${source.label}`);
    const progress = phasedProgress(io.stdout);
    let data;
    try {
      data = await readOriginal(source, (done, total) => progress.update("Reading", done, total));
    } catch (e) {
      progress.end();
      err(`error: cannot read the original's data: ${oneLine(e)}`);
      return 1;
    }
    progress.end();
    out(`Read ${data.rows} rows and items.`);

    // 3. Compare and write.
    out(`${opts.dryRun ? "Comparing with" : "Importing into"} ${target.label}`);
    let report: ImportReport;
    try {
      report = await importOriginal(data, target.store, {
        dryRun: opts.dryRun,
        originalVapidPublicKey: opts.vapid?.publicKey ?? null,
        nowMs: Date.now(),
        onProgress: (phase, done, total) => progress.update(phase === "check" ? "Checking" : "Writing", done, total),
      });
    } catch (e) {
      progress.end();
      err(`error: import failed: ${oneLine(e)} (what was written stays; run the command again to finish)`);
      return 1;
    }
    progress.end();
    printReport(report, opts, out);
    warnAboutVapid(opts, report, out);
    return 0;
  } finally {
    await target.close().catch(() => undefined);
  }
}

async function openTarget(
  opts: ImportOriginalOptions,
  io: ImportIo,
): Promise<{ store: ImportTarget; label: string; close(): Promise<void> }> {
  const t = opts.target;
  if (t.kind === "dynamodb") {
    const store = createDynamoStore({
      tableName: t.table,
      region: regionOf(t.region, t.endpoint, io.env, "--to-region"),
      endpoint: t.endpoint ?? undefined,
      credentials: await resolveAwsCredentials(io.env),
      fetch: io.fetch,
    });
    await store.ping();
    return { store, label: `this Stellarr's DynamoDB table ${t.table}`, close: () => store.close() };
  }
  const path = join(t.dataDir, "stellarr.db");
  const label = `this Stellarr's SQLite database ${path}`;
  if (opts.dryRun) {
    // A dry run creates nothing: no database yet reads as an empty one, and an older schema is not upgraded.
    if (!existsSync(path)) return { store: emptyTarget, label: `${label} (not created yet)`, close: async () => {} };
    const version = schemaVersion(path);
    if (version !== MIGRATIONS.length) {
      throw new Error(
        `${path} has schema version ${version}, this Stellarr uses ${MIGRATIONS.length}: start the server once (it upgrades the database), or run without --dry-run`,
      );
    }
  }
  // WAL and a busy timeout (the adapter's defaults) make this safe beside a running server.
  const store: Store = createSqliteStore({ path });
  return { store, label, close: () => store.close() };
}

function schemaVersion(path: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.pragma("user_version", { simple: true }) as number;
  } finally {
    db.close();
  }
}

async function openSource(opts: ImportOriginalOptions, io: ImportIo): Promise<OriginalSource> {
  const s = opts.source;
  if (s.kind === "sqlite") return originalSqliteSource(s.path);
  const client = createDynamoClient({
    region: regionOf(s.region, s.endpoint, io.env, "--region"),
    endpoint: s.endpoint ?? undefined,
    credentials: await resolveAwsCredentials(io.env),
    fetch: io.fetch,
  });
  return originalDynamoSource(client, s.table);
}

function regionOf(flag: string | null, endpoint: string | null, env: Env, name: string): string {
  const region = flag ?? resolveAwsRegion(env) ?? (endpoint !== null ? "us-east-1" : null);
  if (region === null) throw new UsageError(`no AWS region: give ${name} or set AWS_REGION`);
  return region;
}

/** A store with nothing in it, for a dry run against a database that does not exist yet. */
const emptyTarget: ImportTarget = {
  allRequests: async () => [],
  libraryIds: async () => [],
  getGuid: async () => null,
  getSubscription: async () => null,
  insertRequest: refuse,
  markAdded: refuse,
  setExternalIds: refuse,
  upsertLibrary: refuse,
  putGuid: refuse,
  putSubscription: refuse,
};

async function refuse(): Promise<never> {
  throw new Error("a dry run writes nothing");
}
