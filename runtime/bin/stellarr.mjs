#!/usr/bin/env node
// The `stellarr` command: runs the TypeScript CLI through tsx's loader (a runtime dependency), so
// `npx stellarr plex-sync …` works in a checkout after `npm ci` with no build step.
import { register } from "tsx/esm/api";

register();
const { runFromProcess } = await import("../src/cli/stellarr.ts");
await runFromProcess();
