/**
 * Runs the embedded server (`runtime/src/entries/node.ts`) as a real child process on loopback,
 * for tests that need a real socket, signals or a restart on the same DATA_DIR.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
// Absolute, so the child can run with any working directory (its DATA_DIR).
export const TSX_LOADER = import.meta.resolve("tsx");

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  /** SIGTERM and wait for exit; returns the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL and wait. */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

export async function startServerProcess(opts: {
  dataDir: string;
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const port = await freePort();
  let out = "";
  const child = spawn(process.execPath, ["--import", TSX_LOADER, join(ROOT, "runtime/src/entries/node.ts")], {
    cwd: opts.cwd ?? opts.dataDir,
    env: { ...inheritedEnv(), PORT: String(port), HOST: "127.0.0.1", DATA_DIR: opts.dataDir, LOG_LEVEL: "warn", ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${out}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become healthy: ${out}`);
    }
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 25));
  }
  const exited = () =>
    new Promise<number | null>((r) =>
      child.exitCode !== null || child.signalCode !== null ? r(child.exitCode) : child.once("exit", (code) => r(code)),
    );
  return {
    url,
    port,
    child,
    output: () => out,
    async stop() {
      child.kill("SIGTERM");
      return exited();
    },
    async kill() {
      child.kill("SIGKILL");
      await exited();
    },
  };
}

/** The test runner's environment minus what Vite injects (`BASE_URL=/`, `MODE`, …), which would be read as Stellarr settings. */
export function inheritedEnv(): Record<string, string | undefined> {
  const env = { ...process.env };
  for (const k of ["BASE_URL", "MODE", "DEV", "PROD", "SSR", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID", "TEST"]) delete env[k];
  return env;
}
