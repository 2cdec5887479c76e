/**
 * The warmer Lambda (`index.handler`): run daily by EventBridge and once by the stack at deploy.
 * Writes the trending files to the trending bucket (product.md §8) and fills in external ids of
 * pending requests. It never throws: the result object says what happened, so a failed run shows
 * in the invocation result and the logs without Lambda retrying it.
 */
import { createJsonLogger } from "../adapters/log/json-logger.js";
import { createTmdbCatalogue } from "../adapters/catalogue/tmdb/index.js";
import { createDynamoStore } from "../adapters/store/dynamodb/index.js";
import { createS3TrendingSink } from "../adapters/trending/s3-sink.js";
import { createAwsConfigSource } from "../config/aws.js";
import { ConfigError } from "../config/parse.js";
import { refreshExternalIds, type RefreshExternalIdsResult } from "../jobs/refresh-external-ids.js";
import { runTrendingWarmer, type TrendingRunResult } from "../jobs/trending-warmer.js";
import { systemClock, type Clock } from "../ports/clock.js";
import type { Logger, LogLevel } from "../ports/logger.js";
import type { Store } from "../ports/store/index.js";

export interface WarmerResult {
  ok: boolean;
  trending: TrendingRunResult | null;
  /** `ok` when the pending list was read and no lookup or write failed. */
  external_ids: (RefreshExternalIdsResult & { ok: boolean }) | { ok: false; error: string } | null;
  /** Set when the run could not start (configuration). */
  error?: string;
}

export interface WarmerHandlerOptions {
  env: Record<string, string | undefined>;
  logger?: Logger;
  clock?: Clock;
}

const LEVELS: readonly string[] = ["debug", "info", "warn", "error"];
const describe = (err: unknown): string => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));

export function createWarmerHandler(opts: WarmerHandlerOptions): (event?: unknown) => Promise<WarmerResult> {
  const level = LEVELS.includes(opts.env.LOG_LEVEL ?? "") ? (opts.env.LOG_LEVEL as LogLevel) : "info";
  const logger = opts.logger ?? createJsonLogger(level);
  const clock = opts.clock ?? systemClock;
  let source: ReturnType<typeof createAwsConfigSource> | null = null;
  let store: Store | null = null;

  return async (event) => {
    const trigger = (event as { "detail-type"?: unknown } | null)?.["detail-type"];
    logger.info("warmer invoked", { trigger: typeof trigger === "string" ? trigger : "direct" });
    let loaded;
    try {
      source ??= createAwsConfigSource({ env: opts.env, logger, clock, need: { table: true, bucket: true } });
      loaded = await source.get();
      const { settings } = loaded;
      store ??= createDynamoStore({
        tableName: settings.tableName!,
        region: settings.region,
        endpoint: settings.endpoints.dynamodb,
        credentials: settings.credentials,
      });
    } catch (err) {
      const error = err instanceof ConfigError ? err.message : describe(err);
      logger.error("warmer cannot start", { error });
      return { ok: false, trending: null, external_ids: null, error };
    }
    const { config, settings } = loaded;
    const catalogue = createTmdbCatalogue({ apiKey: config.tmdbApiKey!, baseUrl: config.tmdbBaseUrl, logger });
    const sink = createS3TrendingSink({
      bucket: settings.trendingBucket!,
      region: settings.region,
      endpoint: settings.endpoints.s3,
      credentials: settings.credentials,
    });

    const trending = await runTrendingWarmer({ catalogue, sink, locales: config.trendingLocales, logger, clock });
    let externalIds: WarmerResult["external_ids"];
    try {
      const refreshed = await refreshExternalIds({ store, catalogue, logger });
      externalIds = { ok: refreshed.error === undefined && refreshed.failed === 0, ...refreshed };
    } catch (err) {
      // It reports its own failures; this only guards the "never throws" promise of this handler.
      logger.error("external id refresh failed", { error: describe(err) });
      externalIds = { ok: false, error: describe(err) };
    }
    return { ok: trending.ok && externalIds.ok, trending, external_ids: externalIds };
  };
}

/** The warmer Lambda handler (`index.handler`). */
export const handler = createWarmerHandler({ env: process.env });
