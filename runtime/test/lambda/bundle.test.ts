/** The bundle checks themselves, and the built API bundle against its budget and forbidden modules. */
import type { Metafile } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { API_BUDGET_BYTES, entryOutput, forbiddenInputs, staticallyReachable } from "../../build/bundle.js";
import { copyBundle } from "./bundle-process.js";

const output = (imports: { path: string; kind: "import-statement" | "dynamic-import" }[], bytes = 10) => ({
  bytes,
  inputs: {},
  imports: imports.map((i) => ({ ...i })),
  exports: [],
});

describe("bundle checks", () => {
  it("counts only what static imports reach from the entry", () => {
    const metafile = {
      inputs: {},
      outputs: {
        "dist/index.mjs": {
          ...output([
            { path: "dist/chunks/a.mjs", kind: "import-statement" },
            { path: "dist/chunks/lazy.mjs", kind: "dynamic-import" },
          ]),
          entryPoint: "src/entries/lambda.ts",
        },
        "dist/chunks/a.mjs": output([{ path: "dist/chunks/b.mjs", kind: "import-statement" }]),
        "dist/chunks/b.mjs": output([]),
        "dist/chunks/lazy.mjs": output([{ path: "dist/chunks/b.mjs", kind: "import-statement" }]),
      },
    } as unknown as Metafile;
    expect([...staticallyReachable(metafile, "dist/index.mjs")].sort()).toEqual([
      "dist/chunks/a.mjs",
      "dist/chunks/b.mjs",
      "dist/index.mjs",
    ]);
  });

  it("flags native modules, classic zod, the AWS SDK and Node-server code, not zod/mini or util-dynamodb", () => {
    const inputs = Object.fromEntries(
      [
        "../node_modules/better-sqlite3/lib/database.js",
        "../node_modules/zod/v4/classic/schemas.js",
        "../node_modules/zod/index.js",
        "../node_modules/@aws-sdk/client-dynamodb/dist-cjs/index.js",
        "../node_modules/@smithy/core/dist-cjs/index.js",
        "src/adapters/store/sqlite/index.ts",
        "src/adapters/node/http-server.ts",
        "../node_modules/zod/v4/mini/schemas.js",
        "../node_modules/zod/v4/core/core.js",
        "../node_modules/@aws-sdk/util-dynamodb/dist-cjs/index.js",
        "src/http/app.ts",
      ].map((i) => [i, { bytes: 1, imports: [] }]),
    );
    const found = forbiddenInputs({ inputs, outputs: {} } as unknown as Metafile).map((f) => f.replace(/ \(.*$/, ""));
    expect(found).toEqual([
      "../node_modules/better-sqlite3/lib/database.js",
      "../node_modules/zod/v4/classic/schemas.js",
      "../node_modules/zod/index.js",
      "../node_modules/@aws-sdk/client-dynamodb/dist-cjs/index.js",
      "../node_modules/@smithy/core/dist-cjs/index.js",
      "src/adapters/store/sqlite/index.ts",
      "src/adapters/node/http-server.ts",
    ]);
  });
});

describe("built bundles", () => {
  let api: Metafile;
  let warmer: Metafile;
  beforeAll(async () => {
    const [a, w] = [await copyBundle("api"), await copyBundle("warmer")];
    [api, warmer] = [a.metafile, w.metafile];
    await Promise.all([a.cleanup(), w.cleanup()]);
  });

  it("keep the API's statically reachable code within 200 KB minified (product.md §12)", () => {
    const reachable = staticallyReachable(api, entryOutput(api));
    const staticBytes = [...reachable].reduce((n, f) => n + (api.outputs[f]?.bytes ?? 0), 0);
    expect(staticBytes).toBeLessThanOrEqual(API_BUDGET_BYTES);
    // web-push, TheTVDB and the rarely called route modules are in the bundle, but not statically reachable.
    const staticInputs = [...reachable].flatMap((f) => Object.keys(api.outputs[f]!.inputs));
    expect(Object.keys(api.inputs).some((i) => i.includes("node_modules/web-push/"))).toBe(true);
    expect(staticInputs.some((i) => i.includes("node_modules/web-push/"))).toBe(false);
    expect(staticInputs.some((i) => i.endsWith("src/adapters/lookup/tvdb.ts"))).toBe(false);
    for (const lazy of ["routes/arr.ts", "routes/plex.ts", "routes/sync.ts", "routes/media-servers.ts"]) {
      expect(staticInputs.some((i) => i.endsWith(`src/http/${lazy}`))).toBe(false);
    }
    expect(staticInputs.some((i) => i.endsWith("src/adapters/notify/web-push.ts"))).toBe(false);
    // The SSRF guard (node:dns, node:net) loads with the first subscription, not at cold start.
    expect(staticInputs.some((i) => i.endsWith("src/adapters/notify/endpoint-guard.ts"))).toBe(false);
    expect(staticInputs.some((i) => i.includes("node_modules/zod/v4/mini/"))).toBe(true);
  });

  it("load what the entry needs from a few files, not one per set of lazy modules sharing it (oneStaticChunk)", () => {
    // Without the plugin the API's static code came as 20 files (15 under 2 KB): ~0.3 ms of cold start each.
    const reachable = [...staticallyReachable(api, entryOutput(api))];
    expect(reachable.length).toBeLessThanOrEqual(3);
    // Every lazily loaded module of our own still loads on demand, and finds its shared code in those files.
    const lazyRoutes = Object.entries(api.outputs).filter(([, out]) => out.entryPoint?.endsWith("src/http/routes/arr.ts"));
    expect(lazyRoutes).toHaveLength(1);
    expect(reachable).not.toContain(lazyRoutes[0]![0]);
    expect(lazyRoutes[0]![1].imports.some((i) => i.kind === "import-statement" && reachable.includes(i.path))).toBe(true);
  });

  it("reach nothing forbidden (better-sqlite3, classic zod, AWS SDK, Node server)", () => {
    expect(forbiddenInputs(api)).toEqual([]);
    expect(forbiddenInputs(warmer)).toEqual([]);
    expect(Object.keys(warmer.inputs).some((i) => i.includes("node_modules/web-push/"))).toBe(false);
  });
});
