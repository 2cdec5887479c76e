/**
 * The trending warmer (product.md §8): one run writes `trending-{type}-{locale}.json` for every
 * configured locale through a sink (S3 on AWS, `DATA_DIR/trending/` embedded).
 *
 * It never throws and never replaces a good file with a bad one: a file is written only when all
 * its pages were fetched and it has at least one result; otherwise the previous version stays and
 * the failure is reported. Shows carry their season count from the catalogue's details (cached by
 * the catalogue, so a show on several files costs one lookup); a count that cannot be had is null
 * and never fails the file. Nothing here is Node-server specific (the warmer Lambda bundles it).
 */
import { createLimiter } from "../domain/catalogue/concurrency.js";
import {
  buildTrendingFile,
  serializeTrendingFile,
  showIds,
  TRENDING_PAGES,
  trendingFiles,
  withSeasonCounts,
} from "../domain/trending/file.js";
import type { Catalogue, CatalogueItem } from "../ports/catalogue.js";
import { isoNow, type Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { TrendingSink } from "../ports/trending.js";

export interface TrendingFileStatus {
  name: string;
  ok: boolean;
  /** Results written (ok files only). */
  count?: number;
  /** Why the file was not written (failed files only); never carries keys or URLs. */
  error?: string;
}

export interface TrendingRunResult {
  /** Every file was written. */
  ok: boolean;
  generated_at: string;
  files: TrendingFileStatus[];
}

export interface TrendingWarmerOptions {
  catalogue: Catalogue;
  sink: TrendingSink;
  locales: readonly string[];
  logger: Logger;
  clock: Clock;
  /** Files fetched at the same time (each file is 2 sequential TMDB pages). Default 3. */
  concurrency?: number;
  /** Show details (season counts) fetched at the same time, across all files of a run. Default 4. */
  detailsConcurrency?: number;
}

export async function runTrendingWarmer(opts: TrendingWarmerOptions): Promise<TrendingRunResult> {
  const { catalogue, sink, logger, clock } = opts;
  let generatedAt: string;
  let files: ReturnType<typeof trendingFiles>;
  try {
    generatedAt = isoNow(clock);
    files = trendingFiles(opts.locales);
  } catch (err) {
    logger.error("trending warmer misconfigured", { error: describeError(err) });
    return { ok: false, generated_at: new Date(0).toISOString(), files: [] };
  }

  // One bound for the whole run: files warm in parallel, their shows' lookups share these slots.
  const details = createLimiter(Math.max(1, opts.detailsConcurrency ?? 4));
  const seasonCount = (id: number): Promise<number | null> =>
    details.run(async () => {
      try {
        // No language: season counts do not depend on it, and search shares this cache entry.
        return (await catalogue.details("tv", id))?.number_of_seasons ?? null;
      } catch (err) {
        logger.debug("season count unavailable", { tmdb_id: id, error: describeError(err) });
        return null;
      }
    });

  const warmOne = async (file: (typeof files)[number]): Promise<TrendingFileStatus> => {
    try {
      const pages: CatalogueItem[][] = [];
      // Sequential pages: page 2 is pointless when page 1 already failed.
      for (const page of TRENDING_PAGES) pages.push(await catalogue.trending(file.type, page, file.locale));
      const body = buildTrendingFile(pages, generatedAt);
      if (body.results.length === 0) return { name: file.name, ok: false, error: "no results" };
      const shows = showIds(body);
      const counts = await Promise.all(shows.map(seasonCount));
      const seasons = new Map(shows.map((id, i) => [id, counts[i] ?? null]));
      await sink.write(file.name, serializeTrendingFile(withSeasonCounts(body, seasons)));
      return { name: file.name, ok: true, count: body.results.length };
    } catch (err) {
      return { name: file.name, ok: false, error: describeError(err) };
    }
  };

  const statuses = await mapBounded(files, Math.max(1, opts.concurrency ?? 3), warmOne);
  const failed = statuses.filter((s) => !s.ok);
  for (const f of failed) logger.warn("trending file not updated", { file: f.name, error: f.error });
  logger.info("trending warmer finished", { written: statuses.length - failed.length, failed: failed.length });
  return { ok: failed.length === 0 && statuses.length > 0, generated_at: generatedAt, files: statuses };
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping the input order in the output. */
async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A short reason for a status report: the error's class and message (adapters keep keys and URLs out of messages). */
function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 300);
  return String(err).slice(0, 300);
}
