/**
 * `stellarr import-original` (product.md §13): reads the original Stellarr's data — its SQLite
 * file or its DynamoDB table — and writes it into this Stellarr's store, the one the server uses
 * with the same configuration (SQLite in DATA_DIR, or `--to-dynamodb-table`). Idempotent, with a
 * `--dry-run` report; exit status 0 ok, 1 failure, 2 usage (as `plex-sync`).
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { resolveAwsCredentials, resolveAwsRegion } from "../adapters/aws/credential-chain.js";
import { originalDynamoSource } from "../adapters/original/dynamodb.js";
import { originalSqliteSource } from "../adapters/original/sqlite.js";
import { createDynamoClient } from "../adapters/store/dynamodb/client.js";
import { createDynamoStore } from "../adapters/store/dynamodb/index.js";
import { createSqliteStore } from "../adapters/store/sqlite/index.js";
import { MIGRATIONS } from "../adapters/store/sqlite/migrations.js";
import { importOriginal, type ImportReport, type ImportTarget } from "../app/import-original/import-original.js";
import { readOriginal, type OriginalSource } from "../app/import-original/source.js";
import { parseDotenv } from "../config/dotenv.js";
import { IMPORT_KINDS, type Finding, type ImportKind } from "../domain/import-original/collect.js";
import { vapidPairMatches } from "../domain/push/vapid-pair.js";
import { errorMessage } from "../ports/logger.js";
import type { Store } from "../ports/store.js";
import { UsageError } from "./args.js";
import type { CliIo } from "./plex-sync.js";
import { createProgress } from "./progress.js";

export interface ImportIo extends CliIo {
  /** Where `DATA_DIR` and `.env` are resolved (default: the process's working directory). */
  cwd?: string;
}

interface DynamoLocation {
  table: string;
  endpoint: string | null;
  region: string | null;
}

export interface ImportOriginalOptions {
  source: { kind: "sqlite"; path: string } | ({ kind: "dynamodb" } & DynamoLocation);
  target: { kind: "sqlite"; dataDir: string } | ({ kind: "dynamodb" } & DynamoLocation);
  /** The original's VAPID key pair (checked to be one), or null. */
  vapid: { publicKey: string; privateKey: string } | null;
  dryRun: boolean;
  verbose: boolean;
}

export const IMPORT_ORIGINAL_USAGE = `Usage: stellarr import-original (--sqlite PATH | --dynamodb-table NAME) [options]

Imports the original Stellarr's requests, library, Plex GUID cache and push
subscriptions into this Stellarr. Running it again imports only what is new.

Source — the original Stellarr, exactly one of:
  --sqlite PATH              its SQLite file (Docker backend, e.g. data/stellarr.db)
  --dynamodb-table NAME      its DynamoDB table (AWS backend, e.g. stellarr-prod-requests)
  --endpoint URL             DynamoDB endpoint of that table (local tables)
  --region REGION            its AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's)

Target — this Stellarr (default: the SQLite database in DATA_DIR):
  --data-dir DIR             DATA_DIR of this Stellarr (env DATA_DIR, .env, default ./data)
  --to-dynamodb-table NAME   this Stellarr's DynamoDB table instead
  --to-endpoint URL          DynamoDB endpoint of that table (local tables)
  --to-region REGION         its AWS region (default as --region)

AWS credentials come from the usual chain: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY,
AWS_PROFILE with ~/.aws/credentials or ~/.aws/config, SSO, instance roles.
Push subscriptions are imported only when VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY
(environment or .env) are the original's key pair, which this Stellarr must then
run with too.

Options:
  --dry-run                  report what would be imported, write nothing
  -v, --verbose              list every skipped row
  -h, --help                 this help

Exit status: 0 on success, 1 on any failure, 2 on a usage error.`;

const KIND_LABEL: Record<ImportKind, string> = {
  requests: "Requests",
  library: "Library",
  guids: "GUID cache",
  subscriptions: "Push subscriptions",
};

type Env = Record<string, string | undefined>;

export function parseImportOriginalArgs(argv: readonly string[], env: Env, cwd: string): ImportOriginalOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        sqlite: { type: "string" },
        "dynamodb-table": { type: "string" },
        endpoint: { type: "string" },
        region: { type: "string" },
        "data-dir": { type: "string" },
        "to-dynamodb-table": { type: "string" },
        "to-endpoint": { type: "string" },
        "to-region": { type: "string" },
        "dry-run": { type: "boolean" },
        verbose: { type: "boolean", short: "v" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    throw new UsageError(errorMessage(err));
  }
  if (values.help) return "help";

  const given = (v: string | undefined): string | null => (v !== undefined && v.trim() !== "" ? v.trim() : null);
  const dotenv = readDotenv(cwd);
  const setting = (name: string): string | null => given(env[name]) ?? given(dotenv[name]);
  const url = (flag: string, v: string | undefined): string | null => {
    const u = given(v);
    if (u !== null && !/^https?:\/\/[^/\s]+/i.test(u)) throw new UsageError(`${flag} must be an http(s) URL`);
    return u;
  };

  const sqlite = given(values.sqlite);
  const sourceTable = given(values["dynamodb-table"]);
  if ((sqlite === null) === (sourceTable === null))
    throw new UsageError("give the original's data as exactly one of --sqlite PATH or --dynamodb-table NAME");
  if (sourceTable === null && (values.endpoint !== undefined || values.region !== undefined)) {
    throw new UsageError("--endpoint and --region go with --dynamodb-table");
  }
  const targetTable = given(values["to-dynamodb-table"]);
  if (targetTable === null && (values["to-endpoint"] !== undefined || values["to-region"] !== undefined)) {
    throw new UsageError("--to-endpoint and --to-region go with --to-dynamodb-table");
  }
  if (targetTable !== null && values["data-dir"] !== undefined)
    throw new UsageError("--data-dir and --to-dynamodb-table are two different targets: give one");

  const source: ImportOriginalOptions["source"] =
    sqlite !== null
      ? { kind: "sqlite", path: resolve(cwd, sqlite) }
      : { kind: "dynamodb", table: sourceTable!, endpoint: url("--endpoint", values.endpoint), region: given(values.region) };
  const target: ImportOriginalOptions["target"] =
    targetTable !== null
      ? { kind: "dynamodb", table: targetTable, endpoint: url("--to-endpoint", values["to-endpoint"]), region: given(values["to-region"]) }
      : { kind: "sqlite", dataDir: resolve(cwd, given(values["data-dir"]) ?? setting("DATA_DIR") ?? "./data") };

  if (source.kind === "sqlite" && target.kind === "sqlite") {
    if (!existsSync(source.path)) throw new UsageError(`--sqlite: no such file ${source.path}`);
    if (sameFile(source.path, join(target.dataDir, "stellarr.db"))) {
      throw new UsageError(
        `the original's file is this Stellarr's database path (${join(target.dataDir, "stellarr.db")}): move the original's file elsewhere, or set --data-dir`,
      );
    }
  } else if (source.kind === "sqlite" && !existsSync(source.path)) {
    throw new UsageError(`--sqlite: no such file ${source.path}`);
  }
  if (source.kind === "dynamodb" && target.kind === "dynamodb" && source.table === target.table && source.endpoint === target.endpoint) {
    throw new UsageError("--dynamodb-table and --to-dynamodb-table name the same table");
  }

  const vapidPublic = setting("VAPID_PUBLIC_KEY");
  const vapidPrivate = setting("VAPID_PRIVATE_KEY");
  let vapid: ImportOriginalOptions["vapid"] = null;
  if ((vapidPublic === null) !== (vapidPrivate === null))
    throw new UsageError("VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together");
  if (vapidPublic !== null && vapidPrivate !== null) {
    if (!vapidPairMatches(vapidPublic, vapidPrivate)) {
      throw new UsageError(
        "VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are not one key pair (raw base64url P-256 keys, as the original stored them)",
      );
    }
    vapid = { publicKey: vapidPublic, privateKey: vapidPrivate };
  }

  return { source, target, vapid, dryRun: values["dry-run"] ?? false, verbose: values.verbose ?? false };
}

function readDotenv(cwd: string): Record<string, string> {
  try {
    return parseDotenv(readFileSync(join(cwd, ".env"), "utf8"));
  } catch {
    return {};
  }
}

function sameFile(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
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

/** Below this many steps a log (not a terminal) gets no progress lines: the summary says it all. */
const PLAIN_PROGRESS_MIN = 1000;

/** One progress bar per phase (reading, checking, writing), each finished when the next starts. */
function phasedProgress(stdout: ImportIo["stdout"]) {
  let current: { label: string; bar: ReturnType<typeof createProgress>; done: number; step: number } | null = null;
  const end = () => {
    if (current) current.bar.finish(`${current.done} done`);
    current = null;
  };
  return {
    update(label: string, done: number, total: number) {
      if (!stdout.isTTY && total < PLAIN_PROGRESS_MIN) return;
      if (current?.label !== label) {
        end();
        current = { label, bar: createProgress(stdout, label, total), done: 0, step: -1 };
      }
      current.done = done;
      // At most ~1000 redraws per phase, however many rows (a terminal is slower than SQLite).
      const step = total > 0 ? Math.floor((done * 1000) / total) : done;
      if (step === current.step && done < total) return;
      current.step = step;
      current.bar.update(done, total);
    },
    end,
  };
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

function printReport(report: ImportReport, opts: ImportOriginalOptions, out: (line: string) => void): void {
  const dry = report.dryRun;
  const width = Math.max(...IMPORT_KINDS.map((k) => KIND_LABEL[k].length)) + 2;
  for (const kind of IMPORT_KINDS) {
    const c = report.counts[kind];
    const parts = [
      `${c.imported} ${dry ? "to import" : "imported"}`,
      ...(kind === "requests" ? [`${c.updated} ${dry ? "to complete" : "completed"}`] : []),
      `${c.present} already present`,
      `${c.skipped} skipped`,
    ];
    out(`${`${KIND_LABEL[kind]}:`.padEnd(width)}${parts.join(", ")}`);
  }
  printFindings("Skipped (not imported)", report.skipped, opts.verbose, out);
  printFindings("Imported without a field", report.notes, opts.verbose, out);
  const ignored = Object.entries(report.ignored);
  if (ignored.length > 0) out(`Ignored (not data): ${ignored.map(([what, n]) => `${n} × ${what}`).join(", ")}`);

  if (dry) out("Dry run: nothing was written.");
  else if (report.writes === 0) out("Nothing to write: everything was already imported.");
  else out(`Done: ${report.writes} writes.`);
}

function printFindings(title: string, findings: Finding[], verbose: boolean, out: (line: string) => void): void {
  if (findings.length === 0) return;
  out(`${title}:`);
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${KIND_LABEL[f.kind]}: ${f.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const [key, list] of groups) {
    out(`  ${list.length} × ${key}`);
    if (verbose) for (const f of list) out(`      ${f.ref}`);
  }
  if (!verbose) out("  (--verbose lists every row)");
}

function warnAboutVapid(opts: ImportOriginalOptions, report: ImportReport, out: (line: string) => void): void {
  if (opts.vapid === null || report.counts.subscriptions.imported === 0) return;
  const line = "Push subscriptions only work while this Stellarr runs with the original's VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY.";
  if (opts.target.kind !== "sqlite") return out(line);
  // The embedded server falls back to keys it generated into DATA_DIR when none are configured.
  let generated: string | undefined;
  try {
    generated = JSON.parse(readFileSync(join(opts.target.dataDir, "secrets.json"), "utf8")).VAPID_PUBLIC_KEY;
  } catch {
    generated = undefined;
  }
  out(line);
  if (generated !== undefined && generated !== opts.vapid.publicKey) {
    out(
      `Note: ${join(opts.target.dataDir, "secrets.json")} holds VAPID keys this Stellarr generated; set the original's in its environment or .env, which take precedence.`,
    );
  }
}
