/**
 * The channel senders stay out of a cold start: bundled as the Lambda bundles are, the entry
 * `channels/index.ts` (what the API function will import) reaches the senders, node:http(s) and
 * the message builders only through dynamic imports.
 */
import { build, type Metafile } from "esbuild";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lambdaBuildOptions, staticallyReachable } from "../../build/bundle.js";

describe("channel senders in a Lambda bundle", () => {
  it("are lazy chunks of the channels entry", async () => {
    const outdir = await mkdtemp(join(tmpdir(), "notify-bundle-"));
    try {
      const { metafile } = await build({
        ...lambdaBuildOptions(),
        entryPoints: { index: "src/adapters/notify/channels/index.ts" },
        outdir,
        write: false,
      });
      const entry = Object.keys(metafile.outputs).find((f) => metafile.outputs[f]!.entryPoint !== undefined)!;
      const inputsOf = (files: Iterable<string>, m: Metafile) =>
        new Set([...files].flatMap((f) => Object.keys(m.outputs[f]?.inputs ?? {})));
      const staticInputs = inputsOf(staticallyReachable(metafile, entry), metafile);
      const allInputs = inputsOf(Object.keys(metafile.outputs), metafile);
      const lazyOnly = [
        "src/adapters/notify/channels/guarded-post.ts",
        "src/adapters/notify/channels/ntfy.ts",
        "src/adapters/notify/channels/discord.ts",
        "src/adapters/notify/channels/webhook.ts",
        "src/domain/notify/messages.ts",
        "src/adapters/notify/endpoint-guard.ts",
      ];
      for (const input of lazyOnly) {
        expect(allInputs.has(input), input).toBe(true);
        expect(staticInputs.has(input), input).toBe(false);
      }
      const entryImports = metafile.outputs[entry]!.imports.filter((i) => i.kind === "import-statement").map((i) => i.path);
      expect(entryImports).not.toContain("node:https");
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  });
});
