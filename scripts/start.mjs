#!/usr/bin/env node
// `npm start`: the embedded server from its prebuilt bundle (runtime/dist/node/server.mjs), run in
// this same process so signals reach it directly. The bundle is built first when it is missing or
// older than the sources (runtime/build/prebuilt.mjs: a stamp check of about 2 ms); a fresh clone
// also builds the web UI, in the background, while the API already serves (scripts/ui-build.mjs).
// `npm run dev` runs the TypeScript sources through tsx instead.
import { existsSync } from "node:fs";
import module from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ensureNodeBundle, PrebuiltError } from "../runtime/build/prebuilt.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Node ≥ 22.1 keeps compiled code on disk between starts; earlier versions have no such API.
module.enableCompileCache?.();

let server;
try {
  server = await ensureNodeBundle("server");
} catch (err) {
  if (!(err instanceof PrebuiltError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
await import(pathToFileURL(server).href);
if (!existsSync(join(root, "ui/dist/index.html"))) {
  const { startUiBuild } = await import("./ui-build.mjs");
  startUiBuild({ uiRoot: join(root, "ui"), vite: join(root, "node_modules/vite/bin/vite.js") });
}
