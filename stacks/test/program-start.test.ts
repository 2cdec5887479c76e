/**
 * Starts the program the way Pulumi's Node.js language host does for our Pulumi.yaml — same node
 * arguments (`runtime.options.nodeargs`), TypeScript switch, program directory and entry point,
 * through @pulumi/pulumi's own `cmd/run` — with the recording mocks preloaded instead of an engine.
 * A module-format or loader mistake that would break `pulumi up` on start-up fails here.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { locateModule, readProjectFile } from "@stellarr/testkit/pulumi/language-host";
import { describe, expect, it } from "vitest";
import { NAMESPACE, repoRoot } from "../settings.js";
import { TEST_SECRETS } from "../testing/graph.js";
import type { RecordedResource } from "../testing/mocks.js";
import { readStackConfig } from "../testing/stack-config.js";

interface StartResult {
  code: number | null;
  output: string;
  resources: RecordedResource[];
  outputs: Record<string, unknown>;
  secretOutputs: string[];
}

/**
 * Mirrors pulumi-language-nodejs: `node <nodeargs> <@pulumi/pulumi/cmd/run> --monitor … --project …
 * --root-directory … --stack … --pwd <program directory> <entry point>`, where a `main` that names a
 * directory gives program directory = <root>/<main> and entry point "." (resolved by cmd/run).
 */
async function startProgram(stack: "local" | "prod"): Promise<StartResult> {
  const project = readProjectFile(path.join(repoRoot, "Pulumi.yaml"));
  const file = readStackConfig(path.join(repoRoot, `Pulumi.${stack}.yaml`));
  const config: Record<string, string> = { ...file.values };
  const secretKeys: string[] = [];
  if (stack === "prod") {
    for (const [k, v] of Object.entries(TEST_SECRETS)) {
      config[`${NAMESPACE}:${k}`] = v;
      secretKeys.push(`${NAMESPACE}:${k}`);
    }
  }
  const programDir = path.join(repoRoot, project.main);
  const run = locateModule("@pulumi/pulumi/cmd/run", programDir);
  const out = path.join(mkdtempSync(path.join(tmpdir(), "stellarr-start-")), "graph.json");
  const [pwd, program] = [programDir, "."];
  const args = [
    ...project.runtime.nodeargs,
    "--import",
    path.join(repoRoot, "stacks", "testing", "preload-mocks.ts"),
    run,
    "--monitor=mock",
    "--engine=",
    "--project=stellarr",
    `--root-directory=${repoRoot}`,
    `--stack=${stack}`,
    `--pwd=${pwd}`,
    program,
  ];
  const child = spawn(process.execPath, args, {
    cwd: pwd,
    env: {
      ...process.env,
      PULUMI_CONFIG: JSON.stringify(config),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secretKeys),
      ...(project.runtime.typescript ? { PULUMI_NODEJS_TYPESCRIPT: "true" } : {}),
      STELLARR_MOCK_GRAPH_OUT: out,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  const recorded = existsSync(out) ? JSON.parse(readFileSync(out, "utf8")) : { resources: [], outputs: {}, secretOutputs: [] };
  return { code, output, ...recorded };
}

describe("Pulumi.yaml", () => {
  it("declares a Node.js program in stacks/ loaded through tsx without ts-node", () => {
    const project = readProjectFile(path.join(repoRoot, "Pulumi.yaml"));
    expect(project.main).toBe("stacks/");
    expect(project.runtime).toEqual({ name: "nodejs", typescript: false, nodeargs: ["--import", "tsx"] });
    expect(JSON.parse(readFileSync(path.join(repoRoot, "stacks", "package.json"), "utf8")).type).toBe("module");
  });
});

describe("the program started as the language host does", () => {
  it("runs the local stack to completion", async () => {
    const r = await startProgram("local");
    expect(r.code, r.output).toBe(0);
    expect(r.output).not.toMatch(/error/i);
    const types = r.resources.map((x) => x.type);
    expect(types).toContain("pulumi:pulumi:Stack");
    expect(types).toEqual(expect.arrayContaining(["stellarr:docker:Api", "stellarr:docker:Site", "docker:index/container:Container"]));
    // Components are children of the stack resource.
    const stack = r.resources.find((x) => x.type === "pulumi:pulumi:Stack")!;
    expect(r.resources.find((x) => x.type === "stellarr:docker:Api")!.parent).toBe(stack.urn);
    expect(r.outputs).toMatchObject({ target: "docker", siteUrl: "https://localhost" });
    expect(stack.urn).toBe("urn:pulumi:local::stellarr::pulumi:pulumi:Stack::stellarr-local");
    expect(r.secretOutputs).toEqual(expect.arrayContaining(["feedUrls", "webhookUrl", "syncUrl"]));
  }, 90_000);

  const built =
    existsSync(path.join(repoRoot, "ui", "dist", "index.html")) &&
    existsSync(path.join(repoRoot, "runtime", "dist", "lambda", "api", "index.mjs")) &&
    existsSync(path.join(repoRoot, "runtime", "dist", "lambda", "warmer", "index.mjs"));
  it("runs the prod stack to completion (needs ui/dist and the Lambda bundles: npm run build)", async (ctx) => {
    if (!built) {
      if (process.env.CI === "true") throw new Error("npm test must build the UI and the Lambda bundles before the stack tests");
      ctx.skip("build outputs missing: run npm run build");
    }
    const r = await startProgram("prod");
    expect(r.code, r.output).toBe(0);
    expect(r.resources.map((x) => x.type)).toEqual(
      expect.arrayContaining(["aws:cloudfront/distribution:Distribution", "aws:lambda/function:Function"]),
    );
    expect(r.outputs).toMatchObject({ target: "aws", apiFunction: "stellarr-prod-api" });
    expect(r.secretOutputs).toEqual(expect.arrayContaining(["feedUrls", "webhookUrl"]));
  }, 90_000);
});
