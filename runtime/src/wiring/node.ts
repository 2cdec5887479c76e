/**
 * The embedded / Docker shape (`npm start`, `entries/node.ts`). Loads configuration (generating secrets on first start),
 * opens SQLite in DATA_DIR, serves the app over HTTP, runs the daily jobs (trending warmer,
 * external-id refresh), and shuts down gracefully on SIGTERM/SIGINT (drain, checkpoint, exit).
 */
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { refreshExternalIds } from "../app/requests/refresh-external-ids.js";
import { createStaticFiles } from "../adapters/assets/static-files.js";
import { lazyCatalogue } from "../adapters/catalogue/lazy.js";
import { createTmdbCatalogue } from "../adapters/catalogue/tmdb/index.js";
import { createBufferedJsonLogger } from "../adapters/log/json-logger.js";
import { createNodeServer } from "../adapters/node/http-server.js";
import { createPushEndpointGuard } from "../adapters/notify/endpoint-guard.js";
import { silentNotifier } from "../adapters/notify/silent.js";
import { createWebPushNotifier } from "../adapters/notify/web-push.js";
import { createSqliteStore } from "../adapters/store/sqlite/index.js";
import { createFsTrendingSink } from "../adapters/trending/fs-sink.js";
import { loadNodeConfig } from "../config/load.js";
import { ConfigError } from "../config/parse.js";
import type { Config } from "../config/types.js";
import { createApp } from "../http/app.js";
import { startDailyJobs } from "../jobs/schedule.js";
import { systemClock } from "../lib/clock.js";
import { errorMessage } from "../lib/errors.js";
import type { Catalogue } from "../ports/catalogue.js";
import type { Logger } from "../ports/logger.js";
import type { SeriesLookup } from "../ports/lookup.js";
import type { Notifier } from "../ports/notifier.js";
import { StoreUnavailableError, type Store } from "../ports/store/index.js";
import { buildEmbeddedNotify, householdProblems, type EmbeddedNotify } from "./channels.js";
import { householdNotify } from "./household.js";
import { seriesLookupFor } from "./lazy-adapters.js";
import { keepHeapSmall } from "./node-heap.js";

const UI_DIST = resolve(fileURLToPath(import.meta.url), "../../../../ui/dist");

/**
 * Upstream services: TMDB or the demo catalogue, TheTVDB when keyed, and the notifier: web push
 * (when VAPID keys exist) to the requester and followers plus the channels through the in-process queue.
 */
export async function buildServices(
  config: Config,
  store: Store,
  logger: Logger,
): Promise<{ catalogue: Catalogue; notifier: Notifier; lookup: SeriesLookup | null; notify: EmbeddedNotify }> {
  const catalogue =
    config.tmdbApiKey !== null
      ? createTmdbCatalogue({ apiKey: config.tmdbApiKey, baseUrl: config.tmdbBaseUrl, logger })
      : lazyCatalogue("demo", async () => (await import("../adapters/catalogue/demo/index.js")).createDemoCatalogue());
  const push = config.vapid !== null ? createWebPushNotifier({ store, config, logger }) : silentNotifier;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const notify = buildEmbeddedNotify({ config, store, push, logger, fallbackOrigin: `http://${host}:${config.port}` });
  return { catalogue, notifier: notify.notifier, lookup: await seriesLookupFor(config), notify };
}

/**
 * Starts the embedded server: exits the process on a configuration, database or listen failure,
 * each told in one line on stderr (exit 78 for the configuration, 1 otherwise), never a stack trace.
 */
export function startEmbedded(): Promise<void> {
  return start().catch((err: unknown) => fail(`Stellarr could not start: ${errorMessage(err).split("\n")[0]}`, 1));
}

async function start(): Promise<void> {
  keepHeapSmall();
  let loaded;
  try {
    loaded = loadNodeConfig();
  } catch (err) {
    // EX_CONFIG. The message names the variable or file (one line for one problem), never a secret.
    if (err instanceof ConfigError) fail(err.message, 78);
    throw err;
  }
  const { config } = loaded;
  try {
    householdNotify(config);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 78);
    throw err;
  }
  const logger = createBufferedJsonLogger(config.logLevel);
  const clock = systemClock;
  if (loaded.looseSecrets) {
    const { file, was, tightened } = loaded.looseSecrets;
    logger.warn(
      tightened ? "secrets file was readable by others; narrowed to 0600" : "secrets file is readable by others and cannot be narrowed",
      { file, mode: was },
    );
  }

  let store;
  const dbPath = join(config.dataDir, "stellarr.db");
  try {
    store = createSqliteStore({ path: dbPath });
  } catch (err) {
    // The driver's reason ("unable to open database file", "file is not a database", a newer schema).
    const reason = errorMessage(err instanceof StoreUnavailableError && err.cause ? err.cause : err);
    logger.error("cannot open the database", { path: dbPath, error: reason });
    fail(`Cannot open the database ${dbPath}: ${reason}`, 1);
  }

  const household = await householdProblems(config, logger);
  if (household.length > 0) {
    await store.close();
    fail(`Invalid configuration: ${household.join("; ")}`, 78);
  }
  const { notify, ...services } = await buildServices(config, store, logger);
  const trendingDir = join(config.dataDir, "trending");
  const app = createApp({
    config,
    store,
    clock,
    logger,
    ...services,
    channels: notify.channels,
    pushEndpointGuard: createPushEndpointGuard({ allowPrivate: config.pushAllowPrivateEndpoints }),
    assets: createStaticFiles({
      // Looked up per request: a UI built after start-up is served without a restart.
      uiDir: UI_DIST,
      trendingDir,
      locales: config.trendingLocales,
      appName: config.appName,
    }),
  });

  const server = createNodeServer(app, { logger, baseUrl: config.baseUrl });
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 120_000;
  try {
    await new Promise<void>((ok, fail) => {
      server.once("error", fail);
      server.listen(config.port, config.host, () => ok());
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    logger.error("cannot listen", { host: config.host, port: config.port, error: code ?? String(err) });
    process.stderr.write(
      `Cannot listen on ${config.host}:${config.port} (${code ?? "error"})${code === "EADDRINUSE" ? ": another program uses that port; set PORT to another one" : ""}.\n`,
    );
    await store.close();
    process.exit(1);
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  logger.info("listening", {
    url: `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`,
    data_dir: config.dataDir,
    storage: store.kind,
    catalogue: services.catalogue.kind,
    generated: loaded.generated,
  });
  if (loaded.generatedPassword) {
    logger.flush();
    // The only place a secret is ever printed: once, on the console of the first start.
    process.stdout.write(
      `\n  ${config.appName} generated a shared password (stored in ${join(config.dataDir, "secrets.json")}):\n\n      ${loaded.generatedPassword}\n\n  Set PRESHARED_PASSWORD to choose your own.\n\n`,
    );
  }

  const jobs = startDailyJobs({
    catalogue: services.catalogue,
    sink: createFsTrendingSink(trendingDir),
    locales: config.trendingLocales,
    logger,
    clock,
    extraDaily: () => refreshExternalIds({ store, catalogue: services.catalogue, logger }),
    // The first requests after start-up get the CPU; the warmer's check follows a second later.
    startDelayMs: 1000,
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { signal });
    jobs.stop();
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(() => {
      void notify
        .close()
        .catch(() => undefined)
        .then(() => store.close())
        .finally(() => {
          logger.info("stopped");
          process.exit(0);
        });
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

/** A start-up fault ends in one line on stderr, never a stack trace. */
function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
