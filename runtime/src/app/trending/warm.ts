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
import {
  buildTrendingFile,
  serializeTrendingFile,
  showIds,
  TRENDING_PAGES,
  trendingFiles,
  withSeasonCounts,
} from "../../domain/trending/file.js";
import { showSeasons, UNKNOWN_SEASONS, type ShowSeasons } from "../../domain/catalogue/show-seasons.js";
import { isoNow } from "../../lib/clock.js";
import { describeError } from "../../lib/errors.js";
import { createLimiter } from "../../lib/limiter.js";
import { mapLimit } from "../../lib/map-limit.js";
import type { Catalogue, CatalogueItem } from "../../ports/catalogue.js";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import type { TrendingSink } from "../../ports/trending.js";

/** A failure reason in a status report: class and message, bounded (adapters keep keys and URLs out of messages). */
const REPORT = { max: 300 };

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
  catalogue: Pick<Catalogue, "trending" | "details">;
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
    logger.error("trending warmer misconfigured", { error: describeError(err, REPORT) });
    return { ok: false, generated_at: new Date(0).toISOString(), files: [] };
  }

  // One bound for the whole run: files warm in parallel, their shows' lookups share these slots.
  const details = createLimiter(Math.max(1, opts.detailsConcurrency ?? 4));
  const seasonCount = (id: number): Promise<ShowSeasons> =>
    details.run(async () => {
      try {
        // No language: seasons do not depend on it, and search shares this cache entry.
        return showSeasons(await catalogue.details("tv", id));
      } catch (err) {
        logger.debug("season count unavailable", { tmdb_id: id, error: describeError(err, REPORT) });
        return UNKNOWN_SEASONS;
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
      const seasons = new Map(shows.map((id, i) => [id, counts[i] ?? UNKNOWN_SEASONS]));
      await sink.write(file.name, serializeTrendingFile(withSeasonCounts(body, seasons)));
      return { name: file.name, ok: true, count: body.results.length };
    } catch (err) {
      return { name: file.name, ok: false, error: describeError(err, REPORT) };
    }
  };

  const statuses = await mapLimit(files, opts.concurrency ?? 3, warmOne);
  const failed = statuses.filter((s) => !s.ok);
  for (const f of failed) logger.warn("trending file not updated", { file: f.name, error: f.error });
  logger.info("trending warmer finished", { written: statuses.length - failed.length, failed: failed.length });
  return { ok: failed.length === 0 && statuses.length > 0, generated_at: generatedAt, files: statuses };
}
