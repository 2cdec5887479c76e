/**
 * Where better-sqlite3's compiled addon is, for its `nativeBinding` option. Without it better-sqlite3
 * asks the `bindings` package, which finds the calling package by inspecting a stack trace and then
 * stats a dozen candidate paths — slow at start-up, and wrong once better-sqlite3's JavaScript is
 * bundled into `dist/node/server.mjs` (the caller is then the bundle, not the package). Both
 * `prebuild-install` and `node-gyp rebuild --release` (better-sqlite3's install script) put the addon
 * in `build/Release/`; when it is not there, better-sqlite3's own search runs as before.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

let found: string | null | undefined;

export function sqliteNativeBinding(): string | undefined {
  if (found === undefined) {
    try {
      const pkg = createRequire(import.meta.url).resolve("better-sqlite3/package.json");
      const addon = join(dirname(pkg), "build", "Release", "better_sqlite3.node");
      found = existsSync(addon) ? addon : null;
    } catch {
      found = null;
    }
  }
  return found ?? undefined;
}
