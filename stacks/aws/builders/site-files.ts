/**
 * What the AWS stack uploads to the site bucket: every file of `ui/dist` with its content type and
 * cache header (the same rules the embedded runtime serves with, runtime/src/adapters/assets), plus
 * generated `config.json` and `manifest.webmanifest` (the runtime's own builders, so both shapes
 * answer alike).
 */
import { readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { buildManifest, cacheControlOf, contentTypeOf } from "@stellarr/runtime/contract";

export { cacheControlOf, contentTypeOf };

export interface SiteFile {
  /** Object key, with forward slashes, no leading slash. */
  key: string;
  source: string;
  contentType: string;
  cacheControl: string;
}

/** Every file under `dir` (sorted; dotfiles and source maps left out). */
export function listSiteFiles(dir: string): SiteFile[] {
  const out: SiteFile[] = [];
  const walk = (abs: string, rel: string) => {
    for (const entry of readdirSync(abs).sort()) {
      if (entry.startsWith(".")) continue;
      const a = path.join(abs, entry);
      const r = rel ? `${rel}/${entry}` : entry;
      if (statSync(a).isDirectory()) walk(a, r);
      else if (!entry.endsWith(".map")) out.push({ key: r, source: a, contentType: contentTypeOf(r), cacheControl: cacheControlOf(r) });
    }
  };
  walk(dir, "");
  return out;
}

/** `GET /config.json` as the runtime answers it on AWS (TMDB catalogue; DynamoDB has no demo mode). */
export function siteConfigJson(o: { appName: string; locales: string[]; version: string }): string {
  return `${JSON.stringify({ app_name: o.appName, locales: o.locales, catalogue: "tmdb", version: o.version })}\n`;
}

export function manifestJson(appName: string): string {
  return `${JSON.stringify(buildManifest(appName))}\n`;
}
