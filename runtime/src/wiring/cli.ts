/**
 * The CLI shape, `stellarr plex-sync`, `jellyfin-sync`, `emby-sync` (product.md §5.2): wires the server's client (as a library source) and Stellarr's
 * sync endpoints (as the target) into `app/library/sync-from-source.ts`, which does the work.
 */
import { syncFromSource } from "../app/library/sync-from-source.js";
import type { RetryOptions } from "../adapters/http-client/fetch-with-retry.js";
import { createPlexClient } from "../adapters/plex/client.js";
import { createPlexLibrarySource } from "../adapters/plex/library-source.js";
import { createStellarrClient } from "../adapters/sync-target/stellarr-http.js";
import type { MediaServerSyncOptions, PlexSyncOptions } from "../cli/args.js";
import { createMediaServerClient } from "../adapters/media-server/client.js";
import { createMediaServerLibrarySource } from "../adapters/media-server/library-source.js";
import { VERSION } from "../contract/version.js";
import type { MediaServerKind } from "../domain/media-server/event.js";
import { createProgress, type Output } from "../cli/progress.js";

export interface CliIo {
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
  fetch: typeof globalThis.fetch;
  /** Retry tuning (tests shorten the backoff). */
  retry?: Partial<Pick<RetryOptions, "attempts" | "baseDelayMs" | "timeoutMs" | "sleep">>;
}

function cliRetry(io: CliIo, err: (line: string) => void): RetryOptions {
  return {
    attempts: io.retry?.attempts ?? 4,
    baseDelayMs: io.retry?.baseDelayMs ?? 1000,
    timeoutMs: io.retry?.timeoutMs ?? 60_000,
    fetch: io.fetch,
    sleep: io.retry?.sleep,
    onRetry: ({ attempt, delayMs, reason }) => err(`  retrying (${reason}; attempt ${attempt + 1} in ${(delayMs / 1000).toFixed(1)} s)`),
  };
}

export async function runPlexSync(opts: PlexSyncOptions, io: CliIo): Promise<number> {
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const err = (line: string) => io.stderr.write(`${line}\n`);
  const retry = cliRetry(io, err);
  const source = createPlexLibrarySource(createPlexClient({ baseUrl: opts.plexUrl, token: opts.plexToken, retry }));
  const target = opts.url && opts.token ? createStellarrClient({ url: opts.url, token: opts.token, retry }) : null;
  return syncFromSource(
    { ...opts, sourceName: "Plex", sourceUrl: opts.plexUrl },
    { source, target, report: { line: out, error: err, progress: (label, total) => createProgress(io.stdout, label, total) } },
  );
}

/** `stellarr jellyfin-sync` / `emby-sync`: the same run over the media-server client (Emby's auth header for Emby). */
export async function runMediaServerSync(kind: MediaServerKind, opts: MediaServerSyncOptions, io: CliIo): Promise<number> {
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const err = (line: string) => io.stderr.write(`${line}\n`);
  const retry = cliRetry(io, err);
  const client = createMediaServerClient({ kind, baseUrl: opts.serverUrl, apiKey: opts.apiKey, retry, clientVersion: VERSION });
  const target = opts.url && opts.token ? createStellarrClient({ url: opts.url, token: opts.token, retry, source: kind }) : null;
  return syncFromSource(
    { ...opts, sourceName: client.label, sourceUrl: opts.serverUrl },
    {
      source: createMediaServerLibrarySource(client),
      target,
      report: { line: out, error: err, progress: (label, total) => createProgress(io.stdout, label, total) },
    },
  );
}
