/**
 * The warmer Lambda shape: run daily by EventBridge and once by the stack at deploy.
 * Writes the trending files to the trending bucket (product.md §8) and fills in external ids of
 * pending requests. It never throws: the result object says what happened, so a failed run shows
 * in the invocation result and the logs without Lambda retrying it. Its outbound calls (Secrets
 * Manager, TMDB, S3, DynamoDB) end before the invocation's deadline, so a slow upstream still ends
 * in a result that says so rather than in a timeout.
 */
import { invocationDeadlineAt, type LambdaContext } from "../adapters/lambda/context.js";
import { refreshExternalIds, type RefreshExternalIdsResult } from "../app/requests/refresh-external-ids.js";
import { runTrendingWarmer, type TrendingRunResult } from "../app/trending/warm.js";
import { createTmdbCatalogue } from "../adapters/catalogue/tmdb/index.js";
import { createJsonLogger } from "../adapters/log/json-logger.js";
import { createS3TrendingSink } from "../adapters/trending/s3-sink.js";
import type { AwsConfigSource } from "../config/aws.js";
import { ConfigError } from "../config/parse.js";
import { systemClock } from "../lib/clock.js";
import { deadlineAt, NO_DEADLINE, withDeadline } from "../lib/deadline.js";
import { describeError } from "../lib/errors.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { Store } from "../ports/store/index.js";
import { awsConfigSource, dynamoStoreFor } from "./aws.js";
import { logLevelFrom } from "./log-level.js";

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

export function createWarmerHandler(opts: WarmerHandlerOptions): (event?: unknown, context?: LambdaContext) => Promise<WarmerResult> {
  const logger = opts.logger ?? createJsonLogger(logLevelFrom(opts.env));
  const clock = opts.clock ?? systemClock;
  let source: AwsConfigSource | null = null;
  let store: Store | null = null;

  const run = async (event: unknown): Promise<WarmerResult> => {
    const trigger = (event as { "detail-type"?: unknown } | null)?.["detail-type"];
    logger.info("warmer invoked", { trigger: typeof trigger === "string" ? trigger : "direct" });
    let loaded;
    try {
      source ??= awsConfigSource({ env: opts.env, logger, clock, need: { table: true, bucket: true } });
      loaded = await source.get();
      store ??= dynamoStoreFor(loaded.settings);
    } catch (err) {
      const error = err instanceof ConfigError ? err.message : describeError(err);
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
      logger.error("external id refresh failed", { error: describeError(err) });
      externalIds = { ok: false, error: describeError(err) };
    }
    return { ok: trending.ok && externalIds.ok, trending, external_ids: externalIds };
  };

  return (event, context) => {
    const at = invocationDeadlineAt(context);
    return withDeadline(at === undefined ? NO_DEADLINE : deadlineAt(at), () => run(event));
  };
}
