/**
 * API test harness: the real app (`createApp`) over a real store, driven through `fetch`-shaped
 * calls without a socket. Catalogue defaults to the offline demo catalogue when it exists; pass
 * a TMDB-fake-backed catalogue for upstream behaviour.
 */
import { createApp, type App } from "@stellarr/runtime/internal/http/app";
import { createAppState, type AppState } from "@stellarr/runtime/internal/http/app-state";
import type { AppDeps } from "@stellarr/runtime/internal/http/deps";
import { parseConfig } from "@stellarr/runtime/internal/config/parse";
import type { Config } from "@stellarr/runtime/internal/config/types";
import type { Catalogue } from "@stellarr/runtime/internal/ports/catalogue";
import type { SeriesLookup } from "@stellarr/runtime/internal/ports/lookup";
import type { Notifier } from "@stellarr/runtime/internal/ports/notifier";
import type { SendOne } from "@stellarr/runtime/internal/app/notify/channel-deliveries";
import { localChannelTester } from "@stellarr/runtime/internal/app/notify/personal-channels";
import type { PublicOrigin } from "@stellarr/runtime/internal/app/notify/public-origin";
import { silentNotifier } from "@stellarr/runtime/internal/adapters/notify/silent";
import { createPushEndpointGuard } from "@stellarr/runtime/internal/adapters/notify/endpoint-guard";
import type { Store } from "@stellarr/runtime/internal/ports/store/index";
import { signToken } from "@stellarr/runtime/internal/domain/auth/token";
import { testClock, type TestClock } from "./clock.js";
import { recordingLogger, type RecordingLogger } from "./logger.js";
import { sqliteStoreFactory } from "./stores.js";
import { createStaticFiles } from "@stellarr/runtime/internal/adapters/assets/static-files";
import { openApiOracle } from "./openapi.js";

export const TEST_ORIGIN = "http://stellarr.test";
export const TEST_PASSWORD = "correct horse battery staple";

export interface TestAppOptions {
  store?: Store;
  catalogue?: Catalogue;
  notifier?: Notifier;
  lookup?: SeriesLookup | null;
  config?: Partial<Config>;
  clock?: TestClock;
  assets?: AppDeps["assets"];
  /** Channel tests sent by this process (as the embedded server does) through `send`; absent → 501 on test. */
  channels?: { send: SendOne; origin: PublicOrigin } | AppDeps["channels"];
  /**
   * Check every response against the OpenAPI document (default true): a response whose status,
   * headers or body the document does not describe fails the call.
   */
  checkResponses?: boolean;
}

export interface TestRequestInit extends RequestInit {
  json?: unknown;
  token?: string;
  /** Socket address the entry adapter would report. */
  remoteAddress?: string;
}

export interface TestApp {
  app: App;
  deps: AppDeps;
  /** The app's own state (session key, single-flight tables), to look inside. */
  state: AppState;
  store: Store;
  clock: TestClock;
  logger: RecordingLogger;
  request(path: string, init?: TestRequestInit): Promise<Response>;
  /** A valid session token for `name` (signed directly; the login flow has its own tests). */
  login(name?: string): string;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = parseConfig(
    {
      APP_SECRET_KEY: "test-secret-key-0123456789abcdef",
      PRESHARED_PASSWORD: TEST_PASSWORD,
      DATA_DIR: "/nonexistent",
      API_RATE_LIMIT_PER_MINUTE: "0",
    },
    "embedded",
  );
  return { ...base, ...overrides };
}

async function defaultCatalogue(): Promise<Catalogue> {
  const mod = (await import("@stellarr/runtime/internal/adapters/catalogue/demo/index").catch(() => null)) as {
    createDemoCatalogue(): Catalogue;
  } | null;
  if (mod) return mod.createDemoCatalogue();
  return {
    kind: "demo",
    search: async (q) => ({ page: q.page, total_pages: 0, total_results: 0, results: [] }),
    details: async () => null,
    find: async () => ({ movie_ids: [], tv_ids: [], episode_show_ids: [] }),
    trending: async () => [],
  };
}

export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  let cleanupStore = async () => {};
  let store = opts.store;
  if (!store) {
    const made = await sqliteStoreFactory.create();
    store = made.store;
    cleanupStore = made.cleanup;
  }
  const clock = opts.clock ?? testClock(Date.now());
  const logger = recordingLogger();
  const config = testConfig(opts.config);
  const deps: AppDeps = {
    config,
    store,
    catalogue: opts.catalogue ?? (await defaultCatalogue()),
    notifier: opts.notifier ?? silentNotifier,
    lookup: opts.lookup ?? null,
    clock,
    logger,
    pushEndpointGuard: createPushEndpointGuard({ allowPrivate: config.pushAllowPrivateEndpoints }),
    // Like the embedded server: no UI build (placeholder page), trending files from `trendingDir`.
    assets:
      opts.assets ??
      createStaticFiles({ uiDir: null, trendingDir: "/nonexistent-trending", locales: config.trendingLocales, appName: config.appName }),
    ...(opts.channels ? { channels: channelsOf(opts.channels, store, clock) } : {}),
  };
  const state = createAppState(deps);
  const app = createApp(deps, state);
  return {
    app,
    deps,
    state,
    store,
    clock,
    logger,
    async request(path, init = {}) {
      const { json, token, remoteAddress, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (json !== undefined) {
        headers.set("content-type", headers.get("content-type") ?? "application/json");
        rest.body = JSON.stringify(json);
        rest.method ??= "POST";
      }
      if (token !== undefined) headers.set("authorization", `Bearer ${token}`);
      const request = new Request(new URL(path, TEST_ORIGIN), { ...rest, headers });
      const response = await app.fetch(request, { remoteAddress: remoteAddress ?? "127.0.0.1" });
      if (opts.checkResponses !== false && request.method !== "HEAD") {
        await openApiOracle().checkResponse(request.method, new URL(request.url).pathname, response.clone());
      }
      return response;
    },
    login(name = "alice") {
      return signToken(state.sessionKey, name, Math.floor(clock.now() / 1000));
    },
    close: cleanupStore,
  };
}

function channelsOf(given: NonNullable<TestAppOptions["channels"]>, store: Store, clock: TestClock): AppDeps["channels"] {
  if ("test" in given) return given;
  return { test: localChannelTester({ store, send: given.send, origin: given.origin, clock }), origin: given.origin };
}
