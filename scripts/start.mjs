#!/usr/bin/env node
// `npm start`: build the UI on a fresh clone (ui/dist missing), then run the embedded server from
// TypeScript sources through tsx in this same process (so signals reach it directly).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
if (!existsSync(join(root, "ui/dist/index.html")) && existsSync(join(root, "ui/index.html"))) {
  console.error("Building the web UI (first start)…");
  const build = spawnSync(process.execPath, [join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], {
    cwd: join(root, "ui"),
    stdio: "inherit",
  });
  if (build.status !== 0) console.error("The UI build failed; the API still starts (with a placeholder page).");
}
const { register } = await import("tsx/esm/api");
register();
await import(join(root, "runtime/src/entries/node.ts"));
