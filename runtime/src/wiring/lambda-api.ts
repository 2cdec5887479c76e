/**
 * The Lambda API shape (Function URL, payload 2.0): the same app as the Node server, over DynamoDB
 * and with configuration from Secrets Manager. Everything is built once per container — in the init
 * phase (`prepare`, which never throws there, so a bad environment surfaces as a logged 500 of the
 * first invocation rather than an init crash loop) — and rebuilt only when the secret's content
 * changes.
 *
 * Nothing reachable from here may import better-sqlite3, the Node server or classic zod: the build
 * (build/bundle.ts) fails when its metafile shows them.
 */
import { createTmdbCatalogue } from "../adapters/catalogue/tmdb/index.js";
import { invocationDeadlineAt, type LambdaContext } from "../adapters/lambda/context.js";
import { installFastResponse } from "../adapters/fetch-light/fast-response.js";
import { toRequest, toResult, type FunctionUrlEvent, type FunctionUrlResult } from "../adapters/lambda/function-url.js";
import { initPhase } from "../adapters/lambda/init-phase.js";
import { createJsonLogger } from "../adapters/log/json-logger.js";
import { silentNotifier } from "../adapters/notify/silent.js";
import { createFanOutNotifier, type ChannelJob } from "../app/notify/fan-out.js";
import { createPublicOrigin } from "../app/notify/public-origin.js";
import type { AwsConfigSource, AwsSettings } from "../config/aws.js";
import { ConfigError } from "../config/parse.js";
import { createApp, type App } from "../http/app.js";
import { deadlineAt, NO_DEADLINE, withDeadline } from "../lib/deadline.js";
import { json } from "../lib/json-response.js";
import { systemClock } from "../lib/clock.js";
import { describeError, errorMessage } from "../lib/errors.js";
import type { ChannelTester } from "../ports/channel-tester.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { Notifier } from "../ports/notifier.js";
import type { Store } from "../ports/store/index.js";
import { awsConfigSource, dynamoStoreFor } from "./aws.js";
import { lazyPushEndpointGuard, seriesLookupFor } from "./lazy-adapters.js";
import { logLevelFrom } from "./log-level.js";
import type { SecretRead } from "./lambda-secret-read.js";

export type { FunctionUrlEvent, FunctionUrlResult, LambdaContext };

export interface LambdaHandlerOptions {
  env: Record<string, string | undefined>;
  /** The secret, already being read (entries/lambda.ts): the first configuration load uses it. */
  firstSecretRead?: SecretRead | null;
  logger?: Logger;
  clock?: Clock;
}

interface Container {
  source: AwsConfigSource;
  store: Store;
}

export type LambdaHandler = ((event: FunctionUrlEvent, context?: LambdaContext) => Promise<FunctionUrlResult>) & {
  /** Sets the container up (secret read, app build) before any event; a failure is left for the first invocation to report. */
  prepare(): Promise<void>;
};

export function createLambdaHandler(opts: LambdaHandlerOptions): LambdaHandler {
  const logger = opts.logger ?? createJsonLogger(logLevelFrom(opts.env));
  const clock = opts.clock ?? systemClock;
  let container: Container | null = null;
  let current: { version: string; app: Promise<App> } | null = null;

  const containerOf = (): Container => {
    if (container) return container;
    const source = awsConfigSource({ env: opts.env, logger, clock, need: { table: true }, firstRead: opts.firstSecretRead ?? null });
    container = { source, store: dynamoStoreFor(source.settings) };
    return container;
  };

  const appFor = async (c: Container): Promise<App> => {
    const { config, version } = await c.source.get();
    if (current?.version === version) return current.app;
    const build = async (): Promise<App> => {
      // TMDB is required on AWS (config/aws.ts): the demo catalogue stays out of this bundle.
      const catalogue = createTmdbCatalogue({ apiKey: config.tmdbApiKey!, baseUrl: config.tmdbBaseUrl, logger });
      const push = config.vapid !== null ? lazyWebPushNotifier({ store: c.store, config, logger }) : silentNotifier;
      const notifier = createFanOutNotifier({
        push,
        follows: c.store,
        dispatchChannels: channelDispatcher(c.source.settings, logger),
        logger,
      });
      const lookup = await seriesLookupFor(config);
      const pushEndpointGuard = lazyPushEndpointGuard(config.pushAllowPrivateEndpoints);
      const test = lazyNotifierChannelTester(c.source.settings);
      // BASE_URL is required on AWS (config/aws.ts): channel links always use it.
      const channels = test && { test, origin: createPublicOrigin(config.baseUrl!, config.baseUrl!) };
      return createApp({
        config,
        store: c.store,
        catalogue,
        notifier,
        lookup,
        clock,
        logger,
        pushEndpointGuard,
        ...(channels ? { channels } : {}),
      });
    };
    const app = build();
    current = { version, app };
    app.catch(() => {
      if (current?.app === app) current = null;
    });
    return app;
  };

  const handle = async (event: FunctionUrlEvent, deadlineAt: number | undefined): Promise<FunctionUrlResult> => {
    let app: App;
    try {
      app = await appFor(containerOf());
    } catch (err) {
      return toResult(startupFailure(err, logger));
    }
    if (typeof event?.rawPath !== "string" || typeof event.requestContext?.http?.method !== "string") {
      // A direct invocation with some other event shape: answer, never crash the container.
      logger.warn("not a Function URL event");
      return toResult(json({ detail: "Not a Lambda Function URL (payload 2.0) event", code: "invalid_event" }, 400));
    }
    let mapped: ReturnType<typeof toRequest>;
    try {
      mapped = toRequest(event);
    } catch (err) {
      // E.g. a Host header that makes no URL: Function URLs never send one, a hand-made event might.
      logger.warn("unreadable Function URL event", { error: errorMessage(err) });
      return toResult(json({ detail: "The request could not be read", code: "invalid_event" }, 400));
    }
    // The app renders every error itself (a 500 there is a bug, logged by the app).
    return toResult(await app.fetch(mapped.request, { remoteAddress: mapped.remoteAddress, deadlineAt }));
  };

  // The invocation's deadline covers the configuration read of a cold start too (Secrets Manager).
  const invoke = (event: FunctionUrlEvent, context?: LambdaContext): Promise<FunctionUrlResult> => {
    const at = invocationDeadlineAt(context);
    return withDeadline(at === undefined ? NO_DEADLINE : deadlineAt(at), () => handle(event, at));
  };
  // The init phase has no invocation context; Lambda's own init limit (10 s) bounds it.
  const prepare = async (): Promise<void> => {
    try {
      await appFor(containerOf());
    } catch {
      // Not logged here: the first invocation meets the same problem (or retries) and answers it.
    }
  };
  return Object.assign(invoke, { prepare });
}

/**
 * The handler of a Lambda process (`index.handler`), prepared in the init phase (init-phase.ts): its
 * one-time costs are paid before the first event. The app's `new Response(…)` is a `FastResponse`
 * here, as on the Node server: with the light request (function-url.ts) and the AWS transport, a
 * request such as `GET /api/health` never loads Node's fetch classes (test/lambda/light-fetch.test.ts).
 */
export async function preparedLambdaHandler(
  env: LambdaHandlerOptions["env"],
  firstSecretRead: LambdaHandlerOptions["firstSecretRead"] = null,
): Promise<LambdaHandler> {
  installFastResponse();
  const handler = createLambdaHandler({ env, firstSecretRead });
  await initPhase(handler.prepare);
  return handler;
}

/**
 * The web-push notifier, loaded on the first notification: the adapter and its `node:https` (TLS)
 * stay out of the cold start (≈ 10 ms of a fresh import), like the web-push library it loads itself.
 */
function lazyWebPushNotifier(opts: Parameters<typeof import("../adapters/notify/web-push.js").createWebPushNotifier>[0]): Notifier {
  let notifier: Promise<Notifier> | null = null;
  return {
    async notifyFulfilled(fulfilment) {
      notifier ??= import("../adapters/notify/web-push.js").then(
        (m) => m.createWebPushNotifier(opts),
        (err: unknown) => {
          notifier = null; // a failed load is retried on the next notification
          throw err;
        },
      );
      return (await notifier).notifyFulfilled(fulfilment);
    },
  };
}

/**
 * Channels on AWS: the job goes to the notifier function (asynchronous Invoke; Lambda retries it),
 * which reads the channels and delivers. Without a notifier function (a hand-made deployment)
 * channels are off, said once in the log. The invoker loads with the first job: only a fulfilment
 * sends one, so it stays out of the cold start's static code (like the web-push notifier).
 */
function channelDispatcher(settings: AwsSettings, logger: Logger): (job: ChannelJob) => Promise<void> {
  if (settings.notifierFunction === null) {
    let told = false;
    return async () => {
      if (!told) logger.warn("NOTIFIER_FUNCTION_NAME is not set: notification channels are off");
      told = true;
    };
  }
  const options = {
    functionName: settings.notifierFunction,
    region: settings.region,
    endpoint: settings.endpoints.lambda,
    credentials: settings.credentials,
  };
  let invoker: Promise<(job: ChannelJob) => Promise<void>> | null = null;
  return async (job) => {
    invoker ??= import("../adapters/lambda/invoke.js").then(
      (m) => m.createEventInvoker(options),
      (err: unknown) => {
        invoker = null; // a failed load is retried by the next job
        throw err;
      },
    );
    return (await invoker)(job);
  };
}

/**
 * Channel tests on AWS (notifier-channel-test.ts), loaded with the first test; without a notifier
 * function there is no test (501).
 */
function lazyNotifierChannelTester(settings: AwsSettings): ChannelTester | null {
  const functionName = settings.notifierFunction;
  if (functionName === null) return null;
  let loaded: Promise<ChannelTester> | null = null;
  return async (owner, id) => {
    loaded ??= import("./notifier-channel-test.js").then(
      (m) => m.notifierChannelTester({ ...settings, notifierFunction: functionName }),
      (err: unknown) => {
        loaded = null; // a failed load is retried by the next test
        throw err;
      },
    );
    return (await loaded)(owner, id);
  };
}

/** Configuration problems are operator errors (500, logged by variable name); a secret fetch failure is transient (503). */
function startupFailure(err: unknown, logger: Logger): Response {
  if (err instanceof ConfigError) {
    logger.error("invalid configuration", { problems: err.problems });
    return json({ detail: "The server is misconfigured", code: "internal_error" }, 500);
  }
  logger.error("configuration unavailable", { error: describeError(err) });
  return json({ detail: "Configuration is temporarily unavailable", code: "config_unavailable" }, 503, { "retry-after": "5" });
}
