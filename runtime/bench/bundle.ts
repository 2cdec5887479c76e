/**
 * Lambda bundle figures (product.md §12): sizes per chunk (minified and gzip), the total each bundle
 * loads at init, and the cold import time of the API bundle — the median over fresh
 * `node` processes importing it from a real `.mjs` — next to a bare `node -e 0`.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import type { Metafile } from "esbuild";
import { API_BUDGET_BYTES, buildAll, kb } from "../build/bundle.js";

const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_BUNDLE_RUNS ?? 7);

interface Figure {
  name: string;
  value: number;
  unit: string;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;

/** A stable, readable name for an output chunk: "index" for the entry, else its largest package or module. */
function chunkLabel(metafile: Metafile, file: string): string {
  if (file === "index.mjs") return "index";
  const output = Object.entries(metafile.outputs).find(([path]) => path.endsWith(`/${file}`))?.[1];
  if (!output) return file;
  // A lazy chunk's entry point is the dynamically imported module; shared chunks have none.
  const [largest] = Object.entries(output.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
  const source = output.entryPoint ?? largest?.[0];
  if (!source) return "shared-runtime";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(source);
  // Own modules by folder and name ("notify.web-push"), so they never read like a package.
  const own = source
    .split("/")
    .slice(-2)
    .join(".")
    .replace(/\.[cm]?[jt]s$/, "");
  return (output.entryPoint ? "" : "shared-") + (pkg ? pkg[1]! : own);
}

export async function bench(): Promise<Figure[]> {
  const figures: Figure[] = [];
  // Always a fresh build: the figures describe the current source, over budget or not.
  const reports = await buildAll({ enforceBudget: false });
  for (const report of reports) {
    let initGz = 0;
    const labels = new Set<string>();
    for (const chunk of report.chunks) {
      const gz = gzipSync(await readFile(join(report.outdir, chunk.file)), { level: 9 }).length;
      if (chunk.atInit) initGz += gz;
      let what = chunkLabel(report.metafile, chunk.file);
      for (let i = 2; labels.has(what); i++) what = `${chunkLabel(report.metafile, chunk.file)}-${i}`;
      labels.add(what);
      // "static": loaded at init (the name the figures had before the API entry imported its wiring at init).
      const label = `bundle.${report.name}.${chunk.atInit ? "static" : "lazy"}.${what}`;
      figures.push({ name: `${label}.min`, value: round(chunk.bytes / 1024), unit: "KB" });
      figures.push({ name: `${label}.gzip`, value: round(gz / 1024), unit: "KB" });
    }
    figures.push({ name: `bundle.${report.name}.static_total.min`, value: round(report.initBytes / 1024), unit: "KB" });
    figures.push({ name: `bundle.${report.name}.static_total.gzip`, value: round(initGz / 1024), unit: "KB" });
  }
  const api = reports.find((r) => r.name === "api")!;
  figures.push({ name: "bundle.api.static_budget", value: API_BUDGET_BYTES / 1024, unit: "KB" });
  if (api.initBytes > API_BUDGET_BYTES)
    process.stdout.write(`# bundle.api is over budget: ${kb(api.initBytes)} > ${kb(API_BUDGET_BYTES)}\n`);

  // Cold import: a fresh process per sample, timing `await import()` of the bundle from a real .mjs.
  const dir = await mkdtemp(join(tmpdir(), "stellarr-bench-"));
  try {
    const probe = join(dir, "probe.mjs");
    await writeFile(
      probe,
      // Wall time, and CPU time (user + system), which a busy machine inflates far less.
      `const t0 = performance.now();\nconst c0 = process.cpuUsage();\nawait import(${JSON.stringify(pathToFileURL(api.entryFile).href)});\n` +
        `const c = process.cpuUsage(c0);\nprocess.stdout.write(JSON.stringify([performance.now() - t0, (c.user + c.system) / 1000]));\n`,
    );
    const imports: number[] = [];
    const importsCpu: number[] = [];
    const withImport: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await run(process.execPath, ["-e", "0"]);
      bare.push(performance.now() - t);
      t = performance.now();
      const { stdout } = await run(process.execPath, [probe], { env: { PATH: process.env.PATH ?? "" } });
      withImport.push(performance.now() - t);
      const [wall, cpu] = JSON.parse(stdout) as [number, number];
      imports.push(wall);
      importsCpu.push(cpu);
    }
    figures.push({ name: "bundle.api.cold_import", value: round(median(imports)), unit: "ms" });
    figures.push({ name: "bundle.api.cold_import_cpu", value: round(median(importsCpu)), unit: "ms" });
    figures.push({ name: "bundle.api.cold_process", value: round(median(withImport)), unit: "ms" });
    figures.push({ name: "node.bare_process", value: round(median(bare)), unit: "ms" });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const f of await bench()) process.stdout.write(`${f.name} ${f.value} ${f.unit}\n`);
}
