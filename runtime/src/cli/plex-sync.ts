/**
 * `stellarr plex-sync` (product.md §5.2): read the Plex libraries, collect TMDB/TVDB ids, and sync
 * each media type into Stellarr — by default as a full resync (batches staged under one sync_id,
 * then one atomic commit), or `--incremental` (add/update only). A run that fails or is killed
 * before its commit changes nothing: the previous library stays in place.
 */
import { randomBytes } from "node:crypto";
import { createPlexClient, type PlexSection } from "../adapters/plex/client.js";
import { HttpFailure, type RetryOptions } from "../adapters/plex/http-retry.js";
import type { SyncItem } from "../domain/library/batch.js";
import { plexLibraryEntry } from "../domain/plex/library-entry.js";
import type { PlexSyncOptions } from "./args.js";
import { createProgress, type Output } from "./progress.js";
import { createStellarrClient } from "./stellarr-client.js";

export interface CliIo {
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
  fetch: typeof globalThis.fetch;
  /** Retry tuning (tests shorten the backoff). */
  retry?: Partial<Pick<RetryOptions, "attempts" | "baseDelayMs" | "timeoutMs" | "sleep">>;
}

const SECTION_TYPE: Record<"movie" | "tv", string> = { movie: "movie", tv: "show" };
const LABEL: Record<"movie" | "tv", string> = { movie: "Movies", tv: "TV" };

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
  const plex = createPlexClient({ baseUrl: opts.plexUrl, token: opts.plexToken, retry });

  let sections: PlexSection[];
  try {
    out(`Plex: ${await plex.serverName()} (${new URL(opts.plexUrl).host})`);
    sections = await plex.sections();
  } catch (e) {
    err(`error: cannot read Plex: ${message(e)}`);
    return 1;
  }

  if (opts.listLibraries) {
    for (const s of sections) {
      let count = "?";
      try {
        count = String(await plex.sectionSize(s.key));
      } catch (e) {
        err(`warning: cannot count "${s.title}": ${message(e)}`);
      }
      out(`${s.title}\t${s.type}\t${count} items`);
    }
    return 0;
  }

  const wanted = new Set(opts.libraries.map((l) => l.toLowerCase()));
  const missing = opts.libraries.filter((l) => !sections.some((s) => s.title.toLowerCase() === l.toLowerCase()));
  if (missing.length > 0) {
    err(`error: no Plex library named ${missing.map((m) => `"${m}"`).join(", ")} (see --list-libraries)`);
    return 1;
  }

  const stellarr = opts.url && opts.token ? createStellarrClient({ url: opts.url, token: opts.token, retry }) : null;
  let failed = false;
  const summary: string[] = [];

  for (const mediaType of opts.mediaTypes) {
    const label = LABEL[mediaType];
    const chosen = sections.filter((s) => s.type === SECTION_TYPE[mediaType] && (wanted.size === 0 || wanted.has(s.title.toLowerCase())));
    if (chosen.length === 0) {
      if (opts.verbose || wanted.size === 0) out(`${label}: no ${SECTION_TYPE[mediaType]} libraries, skipped`);
      continue;
    }

    // 1. Read Plex (every chosen section, paged), de-duplicated across sections (first wins).
    const items: SyncItem[] = [];
    const seen = new Set<string>();
    let read = 0;
    let withoutIds = 0;
    try {
      for (const section of chosen) {
        const progress = createProgress(io.stdout, `${label} · reading "${section.title}"`, 0);
        let sectionRead = 0;
        for await (const page of plex.sectionItems(section.key)) {
          for (const meta of page.items) {
            sectionRead++;
            const entry = plexLibraryEntry(meta);
            if (!entry) {
              withoutIds++;
              continue;
            }
            const key = entry.tmdb_id !== null ? `tmdb:${entry.tmdb_id}` : `tvdb:${entry.tvdb_id}`;
            if (seen.has(key)) continue;
            seen.add(key);
            items.push(entry);
          }
          progress.update(sectionRead, page.total);
        }
        read += sectionRead;
        progress.finish(`${sectionRead} items read`);
      }
    } catch (e) {
      err(`error: ${label}: reading Plex failed: ${message(e)}`);
      failed = true;
      continue;
    }
    const idsLine = `${read} read from Plex, ${items.length} unique titles with ids, ${withoutIds} without TMDB/TVDB ids`;

    if (opts.dryRun) {
      out(`${label}: ${idsLine} (dry run: nothing sent)`);
      if (opts.verbose) for (const i of items.slice(0, 5)) out(`  ${JSON.stringify(i)}`);
      summary.push(`${label}: dry run, ${items.length} titles`);
      continue;
    }
    if (items.length === 0) {
      // A full resync of nothing would empty the library; an empty Plex read is far more likely a mistake.
      out(`${label}: ${idsLine}; nothing to sync, skipped`);
      continue;
    }

    // 2. Send the batches (staged under one sync_id unless incremental), then commit.
    const syncId = opts.incremental ? null : `plex-${mediaType}-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
    const progress = createProgress(io.stdout, `${label} · syncing`, items.length);
    let sent = 0;
    let synced = 0;
    let marked = 0;
    let unresolved = 0;
    try {
      for (let i = 0; i < items.length; i += opts.batchSize) {
        const batch = items.slice(i, i + opts.batchSize);
        const r = await stellarr!.postBatch(mediaType, batch, { syncId, notify: opts.notify });
        sent += batch.length;
        synced += r.synced;
        marked += r.marked_as_added;
        unresolved += r.unresolved.length;
        if (opts.verbose) for (const index of r.unresolved) io.stderr.write(`  unresolved: ${JSON.stringify(batch[index])}\n`);
        progress.update(sent);
      }
      let removed: number | null = null;
      if (syncId !== null) {
        const c = await stellarr!.commit(mediaType, syncId, { notify: opts.notify });
        synced = c.synced;
        removed = c.removed;
        marked += c.marked_as_added;
      }
      const line = `${synced} in library${removed !== null ? `, ${removed} removed` : ""}, ${marked} requests marked as added, ${unresolved} unresolved`;
      progress.finish(`${idsLine}; ${line}`);
      summary.push(`${label}: ${line}`);
    } catch (e) {
      progress.finish(`failed after ${sent}/${items.length} items`);
      err(`error: ${label}: ${message(e)}${syncId ? " — the resync was not committed; Stellarr's library is unchanged" : ""}`);
      failed = true;
    }
  }

  out(failed ? "Sync finished with errors." : "Sync complete.");
  for (const line of summary) out(`  ${line}`);
  return failed ? 1 : 0;
}

const message = (e: unknown): string => (e instanceof HttpFailure || e instanceof Error ? e.message : String(e));
