/**
 * Running the real Caddy binary in tests: validate a Caddyfile, or serve one on loopback exactly as the
 * local stack's Caddy container starts (its entrypoint and command, the Caddyfile in its environment,
 * a temporary directory standing in for the container's tmpfs working directory).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { caddyProcess } from "../docker/caddyfile.js";

export function findCaddy(): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "caddy");
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Why a Caddy test cannot run here, or null. Under CI=true a missing binary is a failure, not a skip. */
export function caddyUnavailable(): string | null {
  return findCaddy() ? null : "the caddy binary is not installed (apt-get install -y caddy)";
}

/** Caddy keeps its data (internal CA, certificates) under XDG_DATA_HOME: keep each test's apart. */
function caddyEnv(dir: string): NodeJS.ProcessEnv {
  return { ...process.env, HOME: dir, XDG_DATA_HOME: path.join(dir, "data"), XDG_CONFIG_HOME: path.join(dir, "config") };
}

export function caddyValidate(caddyfile: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "stellarr-caddy-"));
  const file = path.join(dir, "Caddyfile");
  writeFileSync(file, caddyfile);
  const r = spawnSync(findCaddy()!, ["validate", "--config", file, "--adapter", "caddyfile"], {
    env: caddyEnv(dir),
    encoding: "utf8",
    timeout: 60_000,
  });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

export interface RunningCaddy {
  dir: string;
  /** Stands in for the container's tmpfs working directory, where the command writes the Caddyfile. */
  configDir: string;
  /** The spawned process: Caddy itself once the shell has exec'd it. */
  pid: number;
  /** The internal CA's root certificate (PEM path), once Caddy issued one. */
  rootCertPath: string;
  output(): string;
  stop(): Promise<void>;
}

async function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: "127.0.0.1", port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on("error", () => resolve(false));
  });
}

/** Serves `caddyfile` with the Caddy container's own entrypoint and command (`caddyProcess`). */
export async function startCaddy(caddyfile: string, waitForPorts: number[], timeoutMs = 30_000): Promise<RunningCaddy> {
  const dir = mkdtempSync(path.join(tmpdir(), "stellarr-caddy-"));
  const configDir = path.join(dir, "tmpfs");
  mkdirSync(configDir);
  const container = caddyProcess(caddyfile);
  const [entrypoint, ...entryArgs] = container.entrypoints;
  let out = "";
  const child: ChildProcess = spawn(entrypoint!, [...entryArgs, ...container.command], {
    cwd: configDir,
    env: { ...caddyEnv(dir), ...container.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const deadline = Date.now() + timeoutMs;
  for (const port of waitForPorts) {
    while (!(await portOpen(port))) {
      if (child.exitCode !== null) throw new Error(`caddy exited with ${child.exitCode}: ${out}`);
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`caddy did not listen on ${port}: ${out}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    dir,
    configDir,
    pid: child.pid!,
    rootCertPath: path.join(dir, "data", "caddy", "pki", "authorities", "local", "root.crt"),
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
