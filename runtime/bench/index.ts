/**
 * `npm run bench`: runs every `<workspace>/bench/<topic>.ts` module's `bench()` and prints one
 * `name value unit` line per figure, then writes them all to `bench-results.json`.
 * A module that fails prints `# <module>: <reason>` and the run goes on (and exits non-zero at the end).
 */
import { readdirSync, writeFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cpus, totalmem } from "node:os";

export interface Figure {
  name: string;
  value: number;
  unit: string;
}

const root = resolve(fileURLToPath(import.meta.url), "../../..");
const only = process.argv.slice(2);
const modules: string[] = [];
for (const ws of ["runtime", "ui", "stacks", "policies"]) {
  const dir = join(root, ws, "bench");
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith(".ts") || f === "index.ts" || f.startsWith("_")) continue;
    if (only.length && !only.some((o) => f.includes(o))) continue;
    modules.push(join(dir, f));
  }
}

const token = (s: string): string =>
  s
    .trim()
    .replace(/[\s()]+/g, "_")
    .replace(/_+$/, "") || "-";

const all: (Figure & { module: string })[] = [];
let failures = 0;
console.log(`# machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
for (const path of modules) {
  const label = path.slice(root.length + 1);
  try {
    const mod = (await import(pathToFileURL(path).href)) as { bench?: () => Promise<Figure[]> };
    if (typeof mod.bench !== "function") continue;
    console.log(`# ${label}`);
    for (const raw of await mod.bench()) {
      // `name value unit`: one token each, whatever a module returned.
      const f = { ...raw, name: token(raw.name), unit: token(raw.unit) };
      console.log(`${f.name} ${Number.isInteger(f.value) ? f.value : f.value.toFixed(2)} ${f.unit}`);
      all.push({ ...f, module: label });
    }
  } catch (err) {
    failures++;
    console.log(`# ${label}: failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
const out = join(root, "bench-results.json");
writeFileSync(
  out,
  JSON.stringify({ generated_at: new Date().toISOString(), node: process.version, cpus: cpus().length, figures: all }, null, 2) + "\n",
);
console.log(`# wrote ${all.length} figures to bench-results.json`);
process.exit(failures > 0 ? 1 : 0);
