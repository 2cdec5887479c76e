#!/usr/bin/env node
// The `stellarr` command: runs the prebuilt CLI bundle (dist/node/cli.mjs), building it first when
// it is missing or older than the sources (build/prebuilt.mjs), so `npx stellarr plex-sync …` works
// in a checkout right after `npm ci`, with no build step.
import module from "node:module";
import { pathToFileURL } from "node:url";
import { ensureNodeBundle, PrebuiltError } from "../build/prebuilt.mjs";

module.enableCompileCache?.();
let cli;
try {
  cli = await ensureNodeBundle("cli");
} catch (err) {
  if (!(err instanceof PrebuiltError)) throw err;
  process.stderr.write(`stellarr: ${err.message}\n`);
  process.exit(1);
}
const { runFromProcess } = await import(pathToFileURL(cli).href);
await runFromProcess();
