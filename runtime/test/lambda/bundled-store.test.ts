/**
 * The storage contract against the DynamoDB store AS BUNDLED for Lambda: the build marks
 * dynamodb-toolbox side-effect free (dropping unused modules) and swaps @aws-sdk/lib-dynamodb for a
 * stub, so the bundled code must be shown to behave like the source the adapter's own suite tests.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll } from "vitest";
import type * as DynamoAdapter from "../../src/adapters/store/dynamodb/index.js";
import { forbiddenInputs, lambdaBuildOptions, RUNTIME_DIR } from "../../build/bundle.js";
import { runStoreContract } from "../ports/store/contract.js";
import { dynaliteEndpoint, TEST_CREDENTIALS, TEST_REGION } from "@stellarr/testkit/dynalite";

const out = await mkdtemp(join(tmpdir(), "stellarr-bundled-store-"));
afterAll(() => rm(out, { recursive: true, force: true }));
const entry = join(out, "entry.ts");
await writeFile(
  entry,
  `export { createDynamoStore, createDynamoTable } from ${JSON.stringify(join(RUNTIME_DIR, "src/adapters/store/dynamodb/index.ts"))};\n`,
);
// The port module stays shared with this test, so the contract's `instanceof InvalidCursorError`
// compares against the one class (a bundled copy would be a different class with the same name).
const portsStore = join(RUNTIME_DIR, "src/ports/store/index.ts");
const options = lambdaBuildOptions();
const result = await build({
  ...options,
  entryPoints: { store: entry },
  outdir: out,
  plugins: [
    {
      name: "shared-port",
      setup: (b) => b.onResolve({ filter: /\/ports\/store\/index\.js$/ }, () => ({ path: portsStore, external: true })),
    },
    ...(options.plugins ?? []),
  ],
});
if (forbiddenInputs(result.metafile).length > 0) throw new Error("the bundled store reaches forbidden modules");
const bundled = (await import(pathToFileURL(join(out, "store.mjs")).href)) as Pick<
  typeof DynamoAdapter,
  "createDynamoStore" | "createDynamoTable"
>;

let tables = 0;
runStoreContract({
  name: "dynamodb (Lambda bundle)",
  async create() {
    const options = {
      tableName: `bundled-${process.pid}-${++tables}-${Date.now().toString(36)}`,
      region: TEST_REGION,
      endpoint: await dynaliteEndpoint(),
      credentials: TEST_CREDENTIALS,
      retry: { attempts: 4, baseMs: 5 },
    };
    await bundled.createDynamoTable(options);
    const store = bundled.createDynamoStore(options);
    return { store, cleanup: () => store.close() };
  },
});
