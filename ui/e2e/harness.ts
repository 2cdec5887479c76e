/**
 * The e2e stage: builds the UI when `ui/dist` is missing, starts the TMDB fake, the push-service
 * fake and the embedded server (`runtime/src/entries/node.ts`) on free loopback ports with a fresh
 * DATA_DIR, and launches Debian Chromium through playwright-core.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type ConsoleMessage, type Page } from "playwright-core";
import { startTmdbFake, type TmdbFake } from "@stellarr/testkit/fakes/tmdb";
import { startPushService, type PushServiceFake } from "@stellarr/testkit/fakes/push-service";
import { freePort } from "@stellarr/testkit/server-process";

export const UI_DIR = resolve(import.meta.dirname, "..");
export const ROOT = resolve(UI_DIR, "..");
export const SCREENSHOTS = join(UI_DIR, "e2e", "screenshots");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const PASSWORD = "e2e-shared-password";

/** Why the suite cannot run here, or null. Under CI a missing browser is a failure, not a skip. */
export function skipReason(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const reason = `Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;
  if (process.env.CI === "true") throw new Error(`${reason}: required when CI=true`);
  console.warn(`[e2e] skipped: ${reason}`);
  return reason;
}

export function ensureBuilt(): void {
  if (existsSync(join(UI_DIR, "dist", "index.html")) && existsSync(join(UI_DIR, "dist", "sw.js"))) return;
  const build = spawnSync(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], {
    cwd: UI_DIR,
    stdio: "inherit",
  });
  if (build.status !== 0) throw new Error("vite build failed");
}

export interface Stage {
  baseUrl: string;
  tmdb: TmdbFake;
  pushService: PushServiceFake;
  browser: Browser;
  logs(): string;
  /** Stops the server early (the offline test proves the shell without it). */
  stopServer(): Promise<void>;
  close(): Promise<void>;
}

export interface ServerStage {
  baseUrl: string;
  tmdb: TmdbFake;
  pushService: PushServiceFake;
  logs(): string;
  stopServer(): Promise<void>;
  close(): Promise<void>;
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** The UI build, the fakes and the embedded server, ready when the first trending file exists. */
export async function startServer(): Promise<ServerStage> {
  ensureBuilt();
  const tmdb = await startTmdbFake();
  const pushService = await startPushService();
  const dataDir = await mkdtemp(join(tmpdir(), "stellarr-e2e-"));
  const port = await freePort();
  let output = "";
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", join(ROOT, "runtime/src/entries/node.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      PRESHARED_PASSWORD: PASSWORD,
      TMDB_API_KEY: tmdb.apiKey,
      TMDB_BASE_URL: tmdb.url,
      PUSH_ALLOW_PRIVATE_ENDPOINTS: "true",
      API_RATE_LIMIT_PER_MINUTE: "0",
      RATE_LIMIT_MAX_ATTEMPTS: "100",
      LOG_LEVEL: "warn",
      BASE_URL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;

  const stopServer = async (): Promise<void> => {
    if (server.exitCode !== null) return;
    await new Promise<void>((ok) => {
      // Not unref'd: a script that ends right after close() must not exit (and orphan the server)
      // while a slow shutdown is still pending.
      const force = setTimeout(() => server.kill("SIGKILL"), 10_000);
      server.once("exit", () => {
        clearTimeout(force);
        ok();
      });
      server.kill("SIGTERM");
    });
  };

  try {
    // Ready when the API answers and the warmer has written the first trending file.
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`server exited (${server.exitCode}):\n${output}`);
      try {
        const res = await fetch(`${baseUrl}/trending-all-en.json`);
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`server not ready in time:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    return {
      baseUrl,
      tmdb,
      pushService,
      logs: () => output,
      stopServer,
      async close() {
        await stopServer();
        await tmdb.close();
        await pushService.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await stopServer();
    await tmdb.close();
    await pushService.close();
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}

export async function startStage(): Promise<Stage> {
  const server = await startServer();
  try {
    await mkdir(SCREENSHOTS, { recursive: true });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    return {
      ...server,
      browser,
      async close() {
        await browser.close().catch(() => {});
        await server.close();
      },
    };
  } catch (err) {
    await server.close();
    throw err;
  }
}

/**
 * A page whose console errors fail the test, except the ones the test says it expects
 * (e.g. the 401 of a wrong password is logged by Chromium as a failed resource).
 */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  expectConsoleError(pattern: RegExp): void;
  /** Console errors and page errors nobody expected. */
  unexpected(): string[];
  close(): Promise<void>;
}

export async function openPage(stage: Stage, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await stage.browser.newContext({
    baseURL: stage.baseUrl,
    viewport: { width: 1280, height: 900 },
    locale: "en-US",
    ...options,
  });
  // The sandbox has no Internet: TMDB posters are answered by a local PNG (our icon).
  const poster = await readFile(join(UI_DIR, "public", "icons", "icon-192.png"));
  await context.route("https://image.tmdb.org/**", (route) => route.fulfill({ status: 200, contentType: "image/png", body: poster }));
  const page = await context.newPage();
  const allowed: RegExp[] = [];
  const problems: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    // An unused or mismatched <link rel=preload> only warns: treat that as a failure too.
    if (message.type() === "warning" && /preload/i.test(message.text())) problems.push(`console warning: ${message.text()}`);
    if (message.type() !== "error") return;
    const text = `${message.text()} ${message.location().url ?? ""}`;
    if (!allowed.some((pattern) => pattern.test(text))) problems.push(`console: ${text}`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  return {
    page,
    context,
    expectConsoleError: (pattern) => allowed.push(pattern),
    unexpected: () => [...problems],
    close: () => context.close(),
  };
}

export async function login(page: Page, name = "alice", password = PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
