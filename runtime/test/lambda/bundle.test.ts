/** The bundle checks themselves, and the built API bundle against its budget and forbidden modules. */
import type { Metafile } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { API_BUDGET_BYTES, entryOutput, forbiddenInputs, loadedAtInit, staticallyReachable } from "../../build/bundle.js";
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

  it("counts as loaded at init what the entry file itself imports dynamically, not what its chunks load on demand", () => {
    const metafile = {
      inputs: {},
      outputs: {
        "dist/index.mjs": {
          ...output([
            { path: "dist/chunks/early.mjs", kind: "import-statement" },
            { path: "dist/chunks/wiring.mjs", kind: "dynamic-import" },
          ]),
          entryPoint: "src/entries/lambda.ts",
        },
        "dist/chunks/early.mjs": output([]),
        "dist/chunks/wiring.mjs": output([
          { path: "dist/chunks/app.mjs", kind: "import-statement" },
          { path: "dist/chunks/lazy.mjs", kind: "dynamic-import" },
        ]),
        "dist/chunks/app.mjs": output([{ path: "dist/chunks/early.mjs", kind: "import-statement" }]),
        "dist/chunks/lazy.mjs": output([{ path: "dist/chunks/app.mjs", kind: "import-statement" }]),
      },
    } as unknown as Metafile;
    expect([...loadedAtInit(metafile, "dist/index.mjs")].sort()).toEqual([
      "dist/chunks/app.mjs",
      "dist/chunks/early.mjs",
      "dist/chunks/wiring.mjs",
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

  it("keep the API's code loaded at init within 200 KB minified (product.md §12)", () => {
    const reachable = loadedAtInit(api, entryOutput(api));
    const initBytes = [...reachable].reduce((n, f) => n + (api.outputs[f]?.bytes ?? 0), 0);
    expect(initBytes).toBeLessThanOrEqual(API_BUDGET_BYTES);
    // web-push, TheTVDB and the rarely called route modules are in the bundle, but load on demand.
    const initInputs = [...reachable].flatMap((f) => Object.keys(api.outputs[f]!.inputs));
    expect(Object.keys(api.inputs).some((i) => i.includes("node_modules/web-push/"))).toBe(true);
    expect(initInputs.some((i) => i.includes("node_modules/web-push/"))).toBe(false);
    expect(initInputs.some((i) => i.endsWith("src/adapters/lookup/tvdb.ts"))).toBe(false);
    for (const lazy of ["routes/arr.ts", "routes/plex.ts", "routes/sync.ts", "routes/media-servers.ts"]) {
      expect(initInputs.some((i) => i.endsWith(`src/http/${lazy}`))).toBe(false);
    }
    expect(initInputs.some((i) => i.endsWith("src/adapters/notify/web-push.ts"))).toBe(false);
    // The SSRF guard (node:dns, node:net) loads with the first subscription, not at cold start.
    expect(initInputs.some((i) => i.endsWith("src/adapters/notify/endpoint-guard.ts"))).toBe(false);
    expect(initInputs.some((i) => i.includes("node_modules/zod/v4/mini/"))).toBe(true);
    // The answers' schemas (contract/api/*.responses.ts) are built by the OpenAPI description only,
    // not at cold start; the request schemas the routes loaded at init parse are.
    const answers = /(^|\/)src\/contract\/api\/[^/]+\.responses\.ts$/;
    expect(Object.keys(api.inputs).filter((i) => answers.test(i)).length).toBeGreaterThan(0);
    expect(initInputs.filter((i) => answers.test(i))).toEqual([]);
    for (const area of ["auth", "feeds", "push", "requests", "search"]) {
      expect(initInputs).toContain(`src/contract/api/${area}.ts`);
    }
  });

  it("send the secret's read from a small static part before importing the app (entries/lambda.ts)", () => {
    const entry = entryOutput(api);
    const staticFiles = [...staticallyReachable(api, entry)];
    const staticInputs = staticFiles.flatMap((f) => Object.keys(api.outputs[f]!.inputs));
    // What the read needs is static (the settings, the Secrets Manager client, the signer, the transport)...
    for (const input of [
      "src/wiring/lambda-secret-read.ts",
      "src/adapters/secrets/secrets-manager.ts",
      "src/lib/sigv4.ts",
      "src/lib/aws-transport.ts",
    ])
      expect(staticInputs).toContain(input);
    // ...the app is not: zod, DynamoDB Toolbox and the wiring come with the entry's dynamic import.
    expect(staticInputs.some((i) => i.includes("node_modules/zod/"))).toBe(false);
    expect(staticInputs.some((i) => i.includes("node_modules/dynamodb-toolbox/"))).toBe(false);
    expect(staticInputs).not.toContain("src/wiring/lambda-api.ts");
    const staticBytes = staticFiles.reduce((n, f) => n + api.outputs[f]!.bytes, 0);
    expect(staticBytes).toBeLessThan(30 * 1024);
    const wiring = api.outputs[entry]!.imports.filter((i) => i.kind === "dynamic-import");
    expect(wiring).toHaveLength(1);
    expect(Object.keys(api.outputs[wiring[0]!.path]!.inputs).concat(api.outputs[wiring[0]!.path]!.entryPoint ?? "")).toContain(
      "src/wiring/lambda-api.ts",
    );
  });

  it("load what a cold start needs from a few files, not one per set of lazy modules sharing it (oneStaticChunk)", () => {
    // Without the plugin the API's static code came as 20 files (15 under 2 KB): ~0.3 ms of cold start each.
    // Now: the entry, the read's static part, esbuild's helpers, the wiring's stub and the app's chunk.
    const reachable = [...loadedAtInit(api, entryOutput(api))];
    expect(reachable.length).toBeLessThanOrEqual(5);
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
