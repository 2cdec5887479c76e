/**
 * `stellarr jellyfin-sync` / `emby-sync` (product.md §5.2): the same run as plex-sync over the
 * media-server client (Emby's auth header for Emby). Each command has its own entry module
 * (jellyfin-sync.ts, emby-sync.ts) so each is a bundle of its own.
 */
import { syncFromSource } from "../app/library/sync-from-source.js";
import { createMediaServerClient } from "../adapters/media-server/client.js";
import { createMediaServerLibrarySource } from "../adapters/media-server/library-source.js";
import { createStellarrClient } from "../adapters/sync-target/stellarr-http.js";
import type { MediaServerSyncOptions } from "../cli/args.js";
import { VERSION } from "../contract/version.js";
import type { MediaServerKind } from "../domain/media-server/event.js";
import { cliReport, cliRetry, type CliIo } from "./cli.js";

export async function runMediaServerSync(kind: MediaServerKind, opts: MediaServerSyncOptions, io: CliIo): Promise<number> {
  const retry = cliRetry(io, (line) => io.stderr.write(`${line}\n`));
  const client = createMediaServerClient({ kind, baseUrl: opts.serverUrl, apiKey: opts.apiKey, retry, clientVersion: VERSION });
  const target = opts.url && opts.token ? createStellarrClient({ url: opts.url, token: opts.token, retry, source: kind }) : null;
  return syncFromSource(
    { ...opts, sourceName: client.label, sourceUrl: opts.serverUrl },
    { source: createMediaServerLibrarySource(client), target, report: cliReport(io) },
  );
}
