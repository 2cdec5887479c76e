/**
 * The first start of a fresh clone builds the web UI in the background: `npm start` serves the API
 * at once (and, for pages, a "building the web interface" page that reloads itself) while Vite
 * builds in a child process — about 12 s on two cores.
 *
 * Vite writes into `ui/dist.building-<pid>`, pid being the server's process: while that directory
 * exists and its process lives, the server shows the building page
 * (runtime/src/adapters/assets/ui-build-marker.ts reads the same name). A finished build is renamed
 * to `ui/dist` in one step, so the server goes from the building page to the UI between two
 * requests (it looks files up per request). A failed build is removed and the placeholder page
 * says how to build by hand; the API keeps running either way.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";

export const BUILDING_PREFIX = "dist.building-";

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
};

/** Removes build directories left by processes that are gone (a server killed mid-build). */
export function removeAbandonedBuilds(uiRoot) {
  let names;
  try {
    names = readdirSync(uiRoot);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(BUILDING_PREFIX)) continue;
    const pid = Number(name.slice(BUILDING_PREFIX.length));
    if (pid !== process.pid && !(Number.isInteger(pid) && pid > 0 && alive(pid)))
      rmSync(join(uiRoot, name), { recursive: true, force: true });
  }
}

/**
 * Starts the UI build when `<uiRoot>/dist/index.html` is missing and the UI sources are there.
 * Returns null when nothing needs building (or nothing can build it), else the child and a promise
 * of whether `dist` is in place at the end. The child is killed when this process exits.
 * @param {{ uiRoot: string, vite: string, args?: string[], log?: (line: string) => void }} opts
 * @returns {{ child: import("node:child_process").ChildProcess, done: Promise<boolean> } | null}
 */
export function startUiBuild(opts) {
  const { uiRoot } = opts;
  const log = opts.log ?? ((line) => process.stderr.write(`${line}\n`));
  const dist = join(uiRoot, "dist");
  if (existsSync(join(dist, "index.html")) || !existsSync(join(uiRoot, "index.html"))) return null;
  if (!existsSync(opts.vite)) {
    log("The web UI is not built and Vite is not installed (development dependencies): the API runs with a placeholder page.");
    return null;
  }
  removeAbandonedBuilds(uiRoot);
  const out = join(uiRoot, `${BUILDING_PREFIX}${process.pid}`);
  log("Building the web UI in the background (first start); the API is already up.");
  const child = spawn(
    process.execPath,
    [opts.vite, "build", "--logLevel", "warn", "--outDir", out, "--emptyOutDir", ...(opts.args ?? [])],
    {
      cwd: uiRoot,
      // Vite's output on stderr: stdout carries the server's JSON log lines.
      stdio: ["ignore", process.stderr, process.stderr],
    },
  );
  const cleanup = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    rmSync(out, { recursive: true, force: true });
  };
  process.once("exit", cleanup);
  const done = new Promise((resolve) => {
    const finish = (built) => {
      process.removeListener("exit", cleanup);
      resolve(built);
    };
    child.once("error", (err) => {
      rmSync(out, { recursive: true, force: true });
      log(`The web UI build could not start (${err.message}); the API keeps running with a placeholder page.`);
      finish(false);
    });
    child.once("exit", (code) => {
      if (code !== 0 || !existsSync(join(out, "index.html"))) {
        rmSync(out, { recursive: true, force: true });
        log('The web UI build failed; the API keeps running with a placeholder page. "npm run build -w ui" shows why.');
        return finish(false);
      }
      if (existsSync(join(dist, "index.html"))) {
        // Built by someone else meanwhile (npm run build): theirs stays.
        rmSync(out, { recursive: true, force: true });
      } else {
        rmSync(dist, { recursive: true, force: true });
        renameSync(out, dist);
      }
      log("The web UI is built: reload the page.");
      finish(true);
    });
  });
  return { child, done };
}
