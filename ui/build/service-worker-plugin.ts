/**
 * Emits `sw.js` from `sw/sw.js` with the precache list of this build injected: the app shell
 * (`/`), every emitted JS/CSS chunk and the icons. The cache name carries a hash of that list, so a
 * new deployment installs a new service worker and drops the old cache on activation.
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Plugin } from "vite";

export function serviceWorkerPlugin(options: { source: string; publicDir: string }): Plugin {
  return {
    name: "stellarr-service-worker",
    apply: "build",
    generateBundle(_options, bundle) {
      const assets = Object.keys(bundle)
        .filter((file) => /\.(js|css|woff2)$/.test(file) && file !== "sw.js")
        .map((file) => `/${file}`)
        .sort();
      const icons = readdirSync(join(options.publicDir, "icons"))
        .filter((file) => file.endsWith(".png"))
        .map((file) => `/icons/${file}`)
        .sort();
      const html = bundle["index.html"];
      const htmlText = html && html.type === "asset" ? String(html.source) : "";
      const precache = ["/", ...assets, ...icons];
      const version = createHash("sha256").update(JSON.stringify(precache)).update(htmlText).digest("hex").slice(0, 12);
      const source = readFileSync(options.source, "utf8")
        .replace("self.__PRECACHE__", JSON.stringify(precache))
        .replace("__SW_VERSION__", version);
      this.emitFile({ type: "asset", fileName: "sw.js", source });
    },
  };
}
