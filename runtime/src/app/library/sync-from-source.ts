/**
 * Syncing a media server's libraries into Stellarr (product.md §5.2), the core of `stellarr
 * plex-sync`, `jellyfin-sync` and `emby-sync`: read every chosen section (paged, de-duplicated across sections), then send each
 * media type — by default as a full resync (batches staged under one sync_id, then one atomic
 * commit), or incrementally (add/update only). A run that fails or is killed before its commit
 * changes nothing: the previous library stays in place. Returns the exit status (0 ok, 1 failed).
 */
import { randomBytes } from "node:crypto";
import { librarySyncKey } from "../../domain/library/batch.js";
import { errorMessage } from "../../lib/errors.js";
import type { LibrarySection, LibrarySource, LibrarySyncTarget, SyncItem } from "../../ports/library-source.js";
import type { MediaType } from "../../ports/store/index.js";

export interface SyncFromSourceOptions {
  /** The source as messages name it ("Plex"). */
  sourceName: string;
  /** The source's URL (its host is printed). */
  sourceUrl: string;
  /** Only these libraries (by title, case-insensitive); all of each type when empty. */
  libraries: string[];
  mediaTypes: MediaType[];
  incremental: boolean;
  notify: boolean;
  dryRun: boolean;
  batchSize: number;
  listLibraries: boolean;
  verbose: boolean;
}

export interface Progress {
  update(done: number, total?: number): void;
  finish(summary: string): void;
}

/** Where the run reports: result lines, error lines, and progress bars. */
export interface SyncReport {
  line(text: string): void;
  error(text: string): void;
  progress(label: string, total: number): Progress;
}

const SECTION_TYPE: Record<MediaType, string> = { movie: "movie", tv: "show" };
const LABEL: Record<MediaType, string> = { movie: "Movies", tv: "TV" };

/** `target` may be null only for a dry run or a library listing. */
export async function syncFromSource(
  opts: SyncFromSourceOptions,
  deps: { source: LibrarySource; target: LibrarySyncTarget | null; report: SyncReport },
): Promise<number> {
  const { source, target, report } = deps;
  const out = (line: string) => report.line(line);
  const err = (line: string) => report.error(line);

  let sections: LibrarySection[];
  try {
    out(`${opts.sourceName}: ${await source.serverName()} (${new URL(opts.sourceUrl).host})`);
    sections = await source.sections();
  } catch (e) {
    err(`error: cannot read ${opts.sourceName}: ${errorMessage(e)}`);
    return 1;
  }

  if (opts.listLibraries) {
    for (const s of sections) {
      let count = "?";
      try {
        count = String(await source.sectionSize(s.key));
      } catch (e) {
        err(`warning: cannot count "${s.title}": ${errorMessage(e)}`);
      }
      out(`${s.title}\t${s.type}\t${count} items`);
    }
    return 0;
  }

  const wanted = new Set(opts.libraries.map((l) => l.toLowerCase()));
  const missing = opts.libraries.filter((l) => !sections.some((s) => s.title.toLowerCase() === l.toLowerCase()));
  if (missing.length > 0) {
    err(`error: no ${opts.sourceName} library named ${missing.map((m) => `"${m}"`).join(", ")} (see --list-libraries)`);
    return 1;
  }

  let failed = false;
  const summary: string[] = [];

  for (const mediaType of opts.mediaTypes) {
    const label = LABEL[mediaType];
    const chosen = sections.filter((s) => s.mediaType === mediaType && (wanted.size === 0 || wanted.has(s.title.toLowerCase())));
    if (chosen.length === 0) {
      if (opts.verbose || wanted.size === 0) out(`${label}: no ${SECTION_TYPE[mediaType]} libraries, skipped`);
      continue;
    }

    // 1. Read the server (every chosen section, paged), de-duplicated across sections (first wins).
    const items: SyncItem[] = [];
    const seen = new Set<string>();
    let read = 0;
    let withoutIds = 0;
    try {
      for (const section of chosen) {
        const progress = report.progress(`${label} · reading "${section.title}"`, 0);
        let sectionRead = 0;
        for await (const page of source.sectionItems(section.key)) {
          for (const entry of page.items) {
            sectionRead++;
            if (!entry) {
              withoutIds++;
              continue;
            }
            const key = librarySyncKey(entry);
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
      err(`error: ${label}: reading ${opts.sourceName} failed: ${errorMessage(e)}`);
      failed = true;
      continue;
    }
    const idsLine = `${read} read from ${opts.sourceName}, ${items.length} unique titles with ids, ${withoutIds} without TMDB/TVDB/IMDb ids`;

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
    const progress = report.progress(`${label} · syncing`, items.length);
    let sent = 0;
    let synced = 0;
    let marked = 0;
    let unresolved = 0;
    try {
      for (let i = 0; i < items.length; i += opts.batchSize) {
        const batch = items.slice(i, i + opts.batchSize);
        const r = await target!.postBatch(mediaType, batch, { syncId, notify: opts.notify });
        sent += batch.length;
        synced += r.synced;
        marked += r.marked_as_added;
        unresolved += r.unresolved.length;
        if (opts.verbose) for (const index of r.unresolved) err(`  unresolved: ${JSON.stringify(batch[index])}`);
        progress.update(sent);
      }
      let removed: number | null = null;
      if (syncId !== null) {
        const c = await target!.commit(mediaType, syncId, { notify: opts.notify });
        synced = c.synced;
        removed = c.removed;
        marked += c.marked_as_added;
      }
      const line = `${synced} in library${removed !== null ? `, ${removed} removed` : ""}, ${marked} requests marked as added, ${unresolved} unresolved`;
      progress.finish(`${idsLine}; ${line}`);
      summary.push(`${label}: ${line}`);
    } catch (e) {
      progress.finish(`failed after ${sent}/${items.length} items`);
      err(`error: ${label}: ${errorMessage(e)}${syncId ? " — the resync was not committed; Stellarr's library is unchanged" : ""}`);
      failed = true;
    }
  }

  out(failed ? "Sync finished with errors." : "Sync complete.");
  for (const line of summary) out(`  ${line}`);
  return failed ? 1 : 0;
}
