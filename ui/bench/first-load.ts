/**
 * First-load JavaScript of the built UI (product.md §12: ≤ 80 KB gzip): the entry chunk plus
 * every chunk it imports statically, read from Vite's manifest and gzipped at level 9.
 * Builds the UI first when `ui/dist` is missing.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const UI = resolve(import.meta.dirname, "..");
const DIST = join(UI, "dist");
const MANIFEST = join(DIST, ".vite", "manifest.json");

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

export function firstLoadFiles(manifest: Record<string, ManifestChunk>): { js: string[]; css: string[] } {
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
  if (!entry) throw new Error("no entry chunk in the Vite manifest");
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (!chunk || js.has(chunk.file)) return;
    js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry[0]);
  // With `cssCodeSplit: false` the one stylesheet is its own manifest entry (`style.css`).
  for (const [key, chunk] of Object.entries(manifest)) if (key.endsWith(".css") && chunk.file.endsWith(".css")) css.add(chunk.file);
  return { js: [...js], css: [...css] };
}

const gzipKb = (files: string[]): number =>
  Math.round((files.reduce((sum, file) => sum + gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length, 0) / 1024) * 10) / 10;

export async function bench(): Promise<{ name: string; value: number; unit: string }[]> {
  if (!existsSync(MANIFEST)) {
    const build = spawnSync(process.execPath, [join(UI, "..", "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], {
      cwd: UI,
      stdio: "inherit",
    });
    if (build.status !== 0) throw new Error("vite build failed");
  }
  const manifest = JSON.parse(readFileSync(MANIFEST, "utf8")) as Record<string, ManifestChunk>;
  const { js, css } = firstLoadFiles(manifest);
  return [
    { name: "ui first-load JS (gzip)", value: gzipKb(js), unit: "KB" },
    { name: "ui first-load CSS (gzip)", value: gzipKb(css), unit: "KB" },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await bench()) console.log(`${row.name} ${row.value} ${row.unit}`);
}
