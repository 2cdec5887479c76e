/**
 * The AWS notifier function (docs/notifications.md "On AWS"): invoked asynchronously by the API
 * function with a channel job (the title and the names whose channels are due — never a
 * secret), it reads the household channels from the configuration and the personal ones from the
 * table, and runs the same delivery core as the embedded queue with store-backed claims.
 *
 * Each invocation tries each channel at most twice within a short window (0 s, ≈2 s); a delivery
 * still failing then is `deferred` (its claim released) and the handler throws, so Lambda's own
 * asynchronous retries (2, about 1 and 2 minutes later) run the job again — channels already
 * delivered are skipped by their claims. At most 6 attempts per channel in all.
 *
 * It also answers channel tests (`POST /api/channels/{id}/test`), which the API function invokes
 * synchronously (app/notify/remote-channel-test.ts): one attempt within the time the event allows,
 * recorded as the channel's last delivery, and the outcome as the result.
 */
import { invocationDeadlineAt, type LambdaContext } from "../adapters/lambda/context.js";
import { createJsonLogger } from "../adapters/log/json-logger.js";
import { jobDeliveries, recordLastDelivery } from "../app/notify/channel-job.js";
import { createDeliveryRunner, type DeliveryResult } from "../app/notify/delivery-runner.js";
import type { ChannelJob } from "../app/notify/fan-out.js";
import { testPersonalChannel } from "../app/notify/personal-channels.js";
import { channelTestEventOf, channelTestReply, type ChannelTestReply } from "../app/notify/remote-channel-test.js";
import { storeClaims } from "../app/notify/store-claims.js";
import { ATTEMPT_TIMEOUT_MS } from "../domain/notify/delivery.js";
import { systemClock } from "../lib/clock.js";
import { deadlineAt, deadlineIn, NO_DEADLINE, withDeadline } from "../lib/deadline.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { Store } from "../ports/store/index.js";
import type { AwsConfigSource } from "../config/aws.js";
import { awsConfigSource, dynamoStoreFor } from "./aws.js";
import { channelSender } from "./channel-sender.js";
import { householdNotify } from "./household.js";
import { logLevelFrom } from "./log-level.js";

/** No attempt starts later than this into an invocation: two attempts (0 s, ≈2 s), then Lambda's retries. */
export const INVOCATION_WINDOW_MS = 5_000;
/** An attempt started just before the window closes still finishes (its own deadline) before Lambda's timeout. */
const TIMEOUT_MARGIN_MS = ATTEMPT_TIMEOUT_MS + 2_000;
/** Without a Lambda context (tests), the function's configured timeout. */
const DEFAULT_REMAINING_MS = 60_000;

export interface NotifierHandlerOptions {
  env: Record<string, string | undefined>;
  logger?: Logger;
  clock?: Clock;
}

export type NotifierContext = LambdaContext;

export interface NotifierResult {
  delivered: number;
  failed: number;
  duplicate: number;
}

export function createNotifierHandler(
  opts: NotifierHandlerOptions,
): (event: unknown, context?: NotifierContext) => Promise<NotifierResult | ChannelTestReply> {
  const logger = opts.logger ?? createJsonLogger(logLevelFrom(opts.env));
  const clock = opts.clock ?? systemClock;
  let container: { source: AwsConfigSource; store: Store } | null = null;

  const containerOf = () =>
    (container ??= (() => {
      const source = awsConfigSource({ env: opts.env, logger, clock, need: { table: true } });
      return { source, store: dynamoStoreFor(source.settings) };
    })());

  /** A synchronous test from the API function: an error thrown here is its 502, so only what could not run throws. */
  const test = async ({ owner, id, within_ms }: NonNullable<ReturnType<typeof channelTestEventOf>>): Promise<ChannelTestReply> => {
    const { store, source } = containerOf();
    return withDeadline(deadlineIn(within_ms), async () => {
      const { config } = await source.get();
      // BASE_URL is required on AWS (config/aws.ts).
      const tested = await testPersonalChannel(owner, id, { store, send: channelSender(config), origin: config.baseUrl!, clock });
      return channelTestReply(tested);
    });
  };

  const run = async (event: unknown, context: NotifierContext | undefined): Promise<NotifierResult | ChannelTestReply> => {
    const testing = channelTestEventOf(event);
    if (testing) return test(testing);
    const job = channelJobOf(event);
    // A malformed event is never retried (throwing would repeat it twice more).
    if (!job) {
      logger.error("not a channel job; ignored");
      return { delivered: 0, failed: 0, duplicate: 0 };
    }
    const { store, source } = containerOf();
    const { config } = await source.get();
    const deliveries = await jobDeliveries(job, {
      store,
      household: householdNotify(config),
      // BASE_URL is required on AWS (config/aws.ts).
      origin: () => config.baseUrl!,
      send: channelSender(config),
      logger,
    });
    const runner = createDeliveryRunner({ claims: storeClaims(store), onSettled: recordLastDelivery(store), logger });
    const now = clock.now();
    const remaining = context?.getRemainingTimeInMillis() ?? DEFAULT_REMAINING_MS;
    const deadline = now + Math.max(0, Math.min(INVOCATION_WINDOW_MS, remaining - TIMEOUT_MARGIN_MS));
    const results: DeliveryResult[] = await Promise.all(deliveries.map((d) => runner.run(d, { deadline })));
    const count = (status: DeliveryResult["status"]) => results.filter((r) => r.status === status).length;
    const deferred = count("deferred");
    if (deferred > 0) throw new Error(`${deferred} channel deliveries deferred; Lambda's asynchronous retry runs the job again`);
    return { delivered: count("delivered"), failed: count("failed"), duplicate: count("duplicate") };
  };

  // Every call (secret read, DynamoDB, the channels) ends before Lambda's timeout, with a margin.
  return (event, context) => {
    const at = invocationDeadlineAt(context);
    return withDeadline(at === undefined ? NO_DEADLINE : deadlineAt(at), () => run(event, context));
  };
}

/** The job as the API function sends it, checked field by field (an event is untrusted input). */
export function channelJobOf(event: unknown): ChannelJob | null {
  if (typeof event !== "object" || event === null) return null;
  const { fulfilment: f, followers } = event as Record<string, unknown>;
  if (typeof f !== "object" || f === null || !Array.isArray(followers) || !followers.every((n) => typeof n === "string")) return null;
  const v = f as Record<string, unknown>;
  const strOrNull = (x: unknown): x is string | null => x === null || typeof x === "string";
  if (v.media_type !== "movie" && v.media_type !== "tv") return null;
  if (typeof v.tmdb_id !== "number" || !Number.isSafeInteger(v.tmdb_id) || v.tmdb_id < 1) return null;
  if (!strOrNull(v.title) || !strOrNull(v.poster_path) || !strOrNull(v.requested_by)) return null;
  if (v.year !== null && typeof v.year !== "number") return null;
  return {
    fulfilment: {
      media_type: v.media_type,
      tmdb_id: v.tmdb_id,
      title: v.title,
      year: v.year as number | null,
      poster_path: v.poster_path,
      requested_by: v.requested_by,
    },
    followers: followers as string[],
  };
}
