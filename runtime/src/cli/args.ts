/**
 * `stellarr plex-sync` options (product.md §5.2): flags, then environment variables, then
 * defaults. The original script's `--stellarr-url` / `--sync-token` are accepted as aliases.
 */
import { parseArgs } from "node:util";
import type { SyncFromSourceOptions } from "../app/library/sync-from-source.js";

/** What the sync does (`SyncFromSourceOptions`) and where from and to. */
export interface PlexSyncOptions extends Omit<SyncFromSourceOptions, "sourceName" | "sourceUrl"> {
  plexUrl: string;
  plexToken: string;
  url: string | null;
  token: string | null;
}

export const MAX_BATCH_SIZE = 1000;

export const PLEX_SYNC_USAGE = `Usage: stellarr plex-sync [options]

Reads your Plex libraries and syncs them into Stellarr's "In Library" set.
By default each media type is a full resync: titles gone from Plex are removed,
atomically, when the sync completes.

Options:
  --plex-url URL         Plex server URL (env PLEX_URL, default http://localhost:32400)
  --plex-token TOKEN     Plex token (env PLEX_TOKEN)
  --url URL              Stellarr URL (env STELLARR_URL; alias --stellarr-url)
  --token TOKEN          Stellarr webhook/sync token (env STELLARR_SYNC_TOKEN; alias --sync-token)
  -l, --library NAME     only this Plex library (repeatable)
  --movies-only          only movie libraries
  --tv-only              only TV libraries
  --incremental          add/update only; never remove titles missing from Plex
  --no-notify            don't send push notifications for requests marked as added
  --dry-run              read Plex and report, send nothing to Stellarr
  --batch-size N         items per request (default 500, max ${MAX_BATCH_SIZE})
  --list-libraries       list Plex libraries with item counts and exit
  -v, --verbose          more output
  -h, --help             this help

Exit status: 0 on success, 1 on any failure, 2 on a usage error.`;

export class UsageError extends Error {
  override readonly name = "UsageError";
}

const ALIASES: Record<string, string> = { "--stellarr-url": "--url", "--sync-token": "--token" };

export function parsePlexSyncArgs(argv: readonly string[], env: Record<string, string | undefined>): PlexSyncOptions | "help" {
  const normalised = argv.map((a) => {
    const [flag, ...rest] = a.split("=");
    const target = ALIASES[flag!];
    return target ? [target, ...rest].join("=") : a;
  });
  let values;
  try {
    ({ values } = parseArgs({
      args: normalised,
      strict: true,
      allowPositionals: false,
      options: {
        "plex-url": { type: "string" },
        "plex-token": { type: "string" },
        url: { type: "string" },
        token: { type: "string" },
        library: { type: "string", short: "l", multiple: true },
        "movies-only": { type: "boolean" },
        "tv-only": { type: "boolean" },
        incremental: { type: "boolean" },
        "no-notify": { type: "boolean" },
        "dry-run": { type: "boolean" },
        "batch-size": { type: "string" },
        "list-libraries": { type: "boolean" },
        verbose: { type: "boolean", short: "v" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return "help";

  const nonEmpty = (v: string | undefined) => (v !== undefined && v.trim() !== "" ? v.trim() : null);
  const plexUrl = nonEmpty(values["plex-url"]) ?? nonEmpty(env.PLEX_URL) ?? "http://localhost:32400";
  const plexToken = nonEmpty(values["plex-token"]) ?? nonEmpty(env.PLEX_TOKEN);
  const url = nonEmpty(values.url) ?? nonEmpty(env.STELLARR_URL);
  const token = nonEmpty(values.token) ?? nonEmpty(env.STELLARR_SYNC_TOKEN);
  const listLibraries = values["list-libraries"] ?? false;
  const dryRun = values["dry-run"] ?? false;

  if (plexToken === null) throw new UsageError("--plex-token (or PLEX_TOKEN) is required");
  if (!listLibraries && !dryRun) {
    if (url === null) throw new UsageError("--url (or STELLARR_URL) is required");
    if (token === null) throw new UsageError("--token (or STELLARR_SYNC_TOKEN) is required");
  }
  for (const [name, value] of [
    ["--plex-url", plexUrl],
    ["--url", url],
  ] as const) {
    if (value !== null && !/^https?:\/\/[^/\s]+/i.test(value)) throw new UsageError(`${name} must be an http(s) URL`);
  }
  if (values["movies-only"] && values["tv-only"]) throw new UsageError("--movies-only and --tv-only are mutually exclusive");

  let batchSize = 500;
  if (values["batch-size"] !== undefined) {
    batchSize = Number(values["batch-size"]);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new UsageError(`--batch-size must be an integer from 1 to ${MAX_BATCH_SIZE}`);
    }
  }
  return {
    plexUrl,
    plexToken,
    url,
    token,
    libraries: values.library ?? [],
    mediaTypes: values["movies-only"] ? ["movie"] : values["tv-only"] ? ["tv"] : ["movie", "tv"],
    incremental: values.incremental ?? false,
    notify: !(values["no-notify"] ?? false),
    dryRun,
    batchSize,
    listLibraries,
    verbose: values.verbose ?? false,
  };
}
