import { fileURLToPath, URL } from "node:url";
import vue from "@vitejs/plugin-vue";
import { defineConfig, type Plugin } from "vite";
import { serviceWorkerPlugin } from "./build/service-worker-plugin.js";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// In development the runtime (npm start, port 8080 by default) answers everything that is not the SPA.
const backend = process.env.STELLARR_BACKEND ?? "http://127.0.0.1:8080";
const proxied = ["/api", "/config.json", "/manifest.webmanifest", "^/trending-.*\\.json$"];

/**
 * The entry script blocks rendering until it has run (`blocking="render"`; Vite drops the attribute
 * from the source tag, so it is added to the built one). Otherwise the browser paints the empty page
 * first and mounting the app becomes a long task after that paint; with it, the first paint already
 * shows the shell and the app's start-up is part of the page load, not of the time it ignores taps.
 */
function renderBlockingEntry(): Plugin {
  return {
    name: "stellarr-render-blocking-entry",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler: (html) => {
        const entry = /<script type="module" crossorigin src="([^"]+)"><\/script>/;
        if (!entry.test(html)) throw new Error("render-blocking entry: the built entry <script> was not found");
        return html.replace(entry, '<script type="module" crossorigin blocking="render" src="$1"></script>');
      },
    },
  };
}

export default defineConfig({
  plugins: [vue(), serviceWorkerPlugin({ source: here("./sw/sw.js"), publicDir: here("./public") }), renderBlockingEntry()],
  resolve: { alias: { "@": here("./src") } },
  // Composition API only, no devtools hooks in production: a smaller and faster Vue runtime.
  define: {
    __VUE_OPTIONS_API__: "false",
    __VUE_PROD_DEVTOOLS__: "false",
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
  },
  build: {
    // The bench reads the manifest to sum the entry chunk and its static imports.
    manifest: true,
    target: "es2022",
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    // One small stylesheet (≈4 KB gzip) instead of one per chunk: fewer render-blocking requests.
    cssCodeSplit: false,
    // The timing report is noise on a shared 2-core machine.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: backend, changeOrigin: false }])),
  },
});
