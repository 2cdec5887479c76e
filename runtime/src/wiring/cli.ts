/**
 * What the sync commands share (`stellarr plex-sync`, `jellyfin-sync`, `emby-sync`, product.md §5.2):
 * their I/O, retry tuning and report. Each command's own wiring is a module of its own
 * (plex-sync.ts, jellyfin-sync.ts, emby-sync.ts), bundled separately (build/node-bundle.ts), so a
 * command never loads another's client.
 */
import type { RetryOptions } from "../adapters/http-client/fetch-with-retry.js";
import type { SyncReport } from "../app/library/sync-from-source.js";
import { createProgress, type Output } from "../cli/progress.js";

export interface CliIo {
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
  fetch: typeof globalThis.fetch;
  /** Retry tuning (tests shorten the backoff). */
  retry?: Partial<Pick<RetryOptions, "attempts" | "baseDelayMs" | "timeoutMs" | "sleep">>;
}

export function cliRetry(io: CliIo, err: (line: string) => void): RetryOptions {
  return {
    attempts: io.retry?.attempts ?? 4,
    baseDelayMs: io.retry?.baseDelayMs ?? 1000,
    timeoutMs: io.retry?.timeoutMs ?? 60_000,
    fetch: io.fetch,
    sleep: io.retry?.sleep,
    onRetry: ({ attempt, delayMs, reason }) => err(`  retrying (${reason}; attempt ${attempt + 1} in ${(delayMs / 1000).toFixed(1)} s)`),
  };
}

/** Lines to stdout, errors to stderr, a progress bar on stdout. */
export function cliReport(io: CliIo): SyncReport {
  return {
    line: (line) => io.stdout.write(`${line}\n`),
    error: (line) => io.stderr.write(`${line}\n`),
    progress: (label, total) => createProgress(io.stdout, label, total),
  };
}
