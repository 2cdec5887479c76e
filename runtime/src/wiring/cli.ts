/**
 * The CLI shape, `stellarr plex-sync` (product.md §5.2): wires the Plex client (as a library source) and Stellarr's
 * sync endpoints (as the target) into `app/library/sync-from-source.ts`, which does the work.
 */
import { syncFromSource } from "../app/library/sync-from-source.js";
import type { RetryOptions } from "../adapters/http-client/fetch-with-retry.js";
import { createPlexClient } from "../adapters/plex/client.js";
import { createPlexLibrarySource } from "../adapters/plex/library-source.js";
import { createStellarrClient } from "../adapters/sync-target/stellarr-http.js";
import type { PlexSyncOptions } from "../cli/args.js";
import { createProgress, type Output } from "../cli/progress.js";

export interface CliIo {
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
  fetch: typeof globalThis.fetch;
  /** Retry tuning (tests shorten the backoff). */
  retry?: Partial<Pick<RetryOptions, "attempts" | "baseDelayMs" | "timeoutMs" | "sleep">>;
}

export async function runPlexSync(opts: PlexSyncOptions, io: CliIo): Promise<number> {
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const err = (line: string) => io.stderr.write(`${line}\n`);
  const retry: RetryOptions = {
    attempts: io.retry?.attempts ?? 4,
    baseDelayMs: io.retry?.baseDelayMs ?? 1000,
    timeoutMs: io.retry?.timeoutMs ?? 60_000,
    fetch: io.fetch,
    sleep: io.retry?.sleep,
    onRetry: ({ attempt, delayMs, reason }) => err(`  retrying (${reason}; attempt ${attempt + 1} in ${(delayMs / 1000).toFixed(1)} s)`),
  };

  const source = createPlexLibrarySource(createPlexClient({ baseUrl: opts.plexUrl, token: opts.plexToken, retry }));
  const target = opts.url && opts.token ? createStellarrClient({ url: opts.url, token: opts.token, retry }) : null;
  return syncFromSource(
    { ...opts, sourceName: "Plex", sourceUrl: opts.plexUrl },
    { source, target, report: { line: out, error: err, progress: (label, total) => createProgress(io.stdout, label, total) } },
  );
}
