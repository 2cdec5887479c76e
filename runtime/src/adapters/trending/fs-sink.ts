/**
 * Trending sink for embedded/Docker: files in `DATA_DIR/trending/`, written to a temporary file in
 * the same directory and renamed over the old one, so the file server sees the old or the new body.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { TrendingSink } from "../../ports/trending.js";

/** Plain file names only: the sink never writes outside its directory. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function createFsTrendingSink(dir: string): Required<TrendingSink> {
  const pathOf = (name: string): string => {
    if (!SAFE_NAME.test(name)) throw new Error(`invalid trending file name: ${name}`);
    return join(dir, name);
  };
  return {
    async write(name, body) {
      const target = pathOf(name);
      await mkdir(dir, { recursive: true });
      const tmp = join(dir, `.${name}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
      try {
        await writeFile(tmp, body, { mode: 0o644 });
        await rename(tmp, target);
      } catch (err) {
        await rm(tmp, { force: true }).catch(() => {});
        throw err;
      }
    },
    async modifiedAt(name) {
      try {
        return (await stat(pathOf(name))).mtimeMs;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw err;
      }
    },
  };
}
