/**
 * The embedded server's garbage-collection policy. V8 lets the old generation grow to up to four
 * times what survived the last full collection before it collects again; under request load a
 * small server's heap then swings between ~10 and ~35 MB of mostly garbage, and the process's peak
 * RSS with it. A growing factor of 1.25 collects sooner: peak RSS at 1,000 titles fell from ~91 to
 * ~75 MiB on the bench with no measurable CPU per request (docs/benchmarks.md, "Memory").
 *
 * Set at run time rather than on the command line, so every way of starting the server
 * (`npm start`, the image, `node runtime/dist/node/server.mjs`) gets it; V8 reads the flag at each
 * full collection. A `--heap-growing-percent` given to Node (argument or NODE_OPTIONS) wins.
 */
import { setFlagsFromString } from "node:v8";

export const HEAP_GROWING_PERCENT = 25;

/** The V8 flag to set, or null when the operator chose their own. */
export function heapGrowingFlag(execArgv: readonly string[], nodeOptions: string | undefined): string | null {
  const chosen = (arg: string) => /^--heap[-_]growing[-_]percent\b/.test(arg);
  if (execArgv.some(chosen) || (nodeOptions ?? "").split(/\s+/).some(chosen)) return null;
  return `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
}

export function keepHeapSmall(): void {
  const flag = heapGrowingFlag(process.execArgv, process.env.NODE_OPTIONS);
  if (flag !== null) setFlagsFromString(flag);
}
