/**
 * `stellarr plex-sync`, `jellyfin-sync` and `emby-sync` options (product.md §5.2): flags, then
 * environment variables, then defaults. The original script's `--stellarr-url` / `--sync-token` are accepted as aliases.
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

/** What differs between the sync commands: the server's flags, variables and words. */
interface SyncCommandSpec {
  command: string;
  /** "Plex", "Jellyfin", "Emby". */
  server: string;
  urlFlag: string;
  urlEnv: string;
  defaultUrl: string | null;
  keyFlag: string;
  keyEnv: string;
  keyWord: string;
}

const PLEX_SPEC: SyncCommandSpec = {
  command: "plex-sync",
  server: "Plex",
  urlFlag: "plex-url",
  urlEnv: "PLEX_URL",
  defaultUrl: "http://localhost:32400",
  keyFlag: "plex-token",
  keyEnv: "PLEX_TOKEN",
  keyWord: "Plex token",
};

export const MEDIA_SERVER_SPECS = {
  jellyfin: {
    command: "jellyfin-sync",
    server: "Jellyfin",
    urlFlag: "server-url",
    urlEnv: "JELLYFIN_URL",
    defaultUrl: "http://localhost:8096",
    keyFlag: "api-key",
    keyEnv: "JELLYFIN_API_KEY",
    keyWord: "API key (Dashboard → API Keys)",
  },
  emby: {
    command: "emby-sync",
    server: "Emby",
    urlFlag: "server-url",
    urlEnv: "EMBY_URL",
    defaultUrl: "http://localhost:8096",
    keyFlag: "api-key",
    keyEnv: "EMBY_API_KEY",
    keyWord: "API key (Settings → API Keys)",
  },
} satisfies Record<string, SyncCommandSpec>;

function syncUsage(spec: SyncCommandSpec): string {
  const pad = (s: string) => s.padEnd(22);
  return `Usage: stellarr ${spec.command} [options]

Reads your ${spec.server} libraries and syncs them into Stellarr's "In Library" set.
By default each media type is a full resync: titles gone from ${spec.server} are removed,
atomically, when the sync completes.

Options:
  ${pad(`--${spec.urlFlag} URL`)} ${spec.server} server URL (env ${spec.urlEnv}${spec.defaultUrl ? `, default ${spec.defaultUrl}` : ""})
  ${pad(`--${spec.keyFlag} ${spec.keyFlag === "plex-token" ? "TOKEN" : "KEY"}`)} ${spec.keyWord} (env ${spec.keyEnv})
  --url URL              Stellarr URL (env STELLARR_URL; alias --stellarr-url)
  --token TOKEN          Stellarr webhook/sync token (env STELLARR_SYNC_TOKEN; alias --sync-token)
  -l, --library NAME     only this ${spec.server} library (repeatable)
  --movies-only          only movie libraries
  --tv-only              only TV libraries
  --incremental          add/update only; never remove titles missing from ${spec.server}
  --no-notify            don't send push notifications for requests marked as added
  --dry-run              read ${spec.server} and report, send nothing to Stellarr
  --batch-size N         items per request (default 500, max ${MAX_BATCH_SIZE})
  --list-libraries       list ${spec.server} libraries with item counts and exit
  -v, --verbose          more output
  -h, --help             this help

Exit status: 0 on success, 1 on any failure, 2 on a usage error.`;
}

export const PLEX_SYNC_USAGE = syncUsage(PLEX_SPEC);
export const mediaServerSyncUsage = (kind: keyof typeof MEDIA_SERVER_SPECS) => syncUsage(MEDIA_SERVER_SPECS[kind]);

export class UsageError extends Error {
  override readonly name = "UsageError";
}

const ALIASES: Record<string, string> = { "--stellarr-url": "--url", "--sync-token": "--token" };

export function parsePlexSyncArgs(argv: readonly string[], env: Record<string, string | undefined>): PlexSyncOptions | "help" {
  const parsed = parseSyncArgs(PLEX_SPEC, argv, env);
  if (parsed === "help") return parsed;
  const { serverUrl, serverKey, ...rest } = parsed;
  return { plexUrl: serverUrl, plexToken: serverKey, ...rest };
}

/** `stellarr jellyfin-sync` / `emby-sync` options: the server's URL and API key, then what plex-sync takes. */
export interface MediaServerSyncOptions extends Omit<PlexSyncOptions, "plexUrl" | "plexToken"> {
  serverUrl: string;
  apiKey: string;
}

export function parseMediaServerSyncArgs(
  kind: keyof typeof MEDIA_SERVER_SPECS,
  argv: readonly string[],
  env: Record<string, string | undefined>,
): MediaServerSyncOptions | "help" {
  const parsed = parseSyncArgs(MEDIA_SERVER_SPECS[kind], argv, env);
  if (parsed === "help") return parsed;
  const { serverKey, ...rest } = parsed;
  return { ...rest, apiKey: serverKey };
}

function parseSyncArgs(
  spec: SyncCommandSpec,
  argv: readonly string[],
  env: Record<string, string | undefined>,
): (Omit<PlexSyncOptions, "plexUrl" | "plexToken"> & { serverUrl: string; serverKey: string }) | "help" {
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
        [spec.urlFlag]: { type: "string" },
        [spec.keyFlag]: { type: "string" },
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
  const serverUrl = nonEmpty(values[spec.urlFlag] as string | undefined) ?? nonEmpty(env[spec.urlEnv]) ?? spec.defaultUrl;
  const serverKey = nonEmpty(values[spec.keyFlag] as string | undefined) ?? nonEmpty(env[spec.keyEnv]);
  const url = nonEmpty(values.url) ?? nonEmpty(env.STELLARR_URL);
  const token = nonEmpty(values.token) ?? nonEmpty(env.STELLARR_SYNC_TOKEN);
  const listLibraries = values["list-libraries"] ?? false;
  const dryRun = values["dry-run"] ?? false;

  if (serverUrl === null) throw new UsageError(`--${spec.urlFlag} (or ${spec.urlEnv}) is required`);
  if (serverKey === null) throw new UsageError(`--${spec.keyFlag} (or ${spec.keyEnv}) is required`);
  if (!listLibraries && !dryRun) {
    if (url === null) throw new UsageError("--url (or STELLARR_URL) is required");
    if (token === null) throw new UsageError("--token (or STELLARR_SYNC_TOKEN) is required");
  }
  for (const [name, value] of [
    [`--${spec.urlFlag}`, serverUrl],
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
    serverUrl,
    serverKey,
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
