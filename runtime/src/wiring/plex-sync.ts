/**
 * `stellarr plex-sync` (product.md §5.2): wires the Plex client (as a library source) and Stellarr's
 * sync endpoints (as the target) into `app/library/sync-from-source.ts`, which does the work.
 */
import { syncFromSource } from "../app/library/sync-from-source.js";
import { createPlexClient } from "../adapters/plex/client.js";
import { createPlexLibrarySource } from "../adapters/plex/library-source.js";
import { createStellarrClient } from "../adapters/sync-target/stellarr-http.js";
import type { PlexSyncOptions } from "../cli/args.js";
import { cliReport, cliRetry, type CliIo } from "./cli.js";

export async function runPlexSync(opts: PlexSyncOptions, io: CliIo): Promise<number> {
  const retry = cliRetry(io, (line) => io.stderr.write(`${line}\n`));
  const source = createPlexLibrarySource(createPlexClient({ baseUrl: opts.plexUrl, token: opts.plexToken, retry }));
  const target = opts.url && opts.token ? createStellarrClient({ url: opts.url, token: opts.token, retry }) : null;
  return syncFromSource({ ...opts, sourceName: "Plex", sourceUrl: opts.plexUrl }, { source, target, report: cliReport(io) });
}
