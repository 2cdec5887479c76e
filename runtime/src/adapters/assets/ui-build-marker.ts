/**
 * Whether the web UI is being built right now: `npm start` on a fresh clone has Vite write into
 * `<uiDir>.building-<pid>` (scripts/ui-build.mjs), pid being the server's process, and renames it to
 * `<uiDir>` when done. A directory whose process is gone is a build that will never finish.
 */
import { readdir } from "node:fs/promises";
import { basename, dirname } from "node:path";

export async function uiBuildInProgress(uiDir: string): Promise<boolean> {
  let names: string[];
  try {
    names = await readdir(dirname(uiDir));
  } catch {
    return false;
  }
  const prefix = `${basename(uiDir)}.building-`;
  return names.some((name) => name.startsWith(prefix) && processAlive(Number(name.slice(prefix.length))));
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
