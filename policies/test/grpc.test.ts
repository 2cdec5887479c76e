// Option B of stack-notes §2: start the real pack exactly as the Pulumi CLI's Node.js language host does
// (`node <run-policy-pack> <nodeargs> <engine> <pack dir>` in the pack directory, from PulumiPolicy.yaml; see
// @stellarr/testkit/pulumi/language-host) and call it over gRPC the way the engine does. It proves that the pack's
// entry loads under those rules and builds a servable pack, that the pack announces every policy at its level,
// and that the offline harness reports exactly what the real analyzer reports, for resource (`analyze`) and
// stack (`analyzeStack`) policies alike.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { join } from "node:path";
import { policyPackLaunch, splitNodeargs } from "@stellarr/testkit/pulumi/language-host";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { policies } from "../policies.js";
import { T } from "../lib/types.js";
import { scenarioGraph } from "./fixtures/graphs.js";
import { loadBuildStackGraph } from "../stack-graphs.js";
import { evaluate, type RecordedResource } from "./harness.js";

const require = createRequire(import.meta.url);
const grpc = require("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
const pb = require("@pulumi/pulumi/proto/analyzer_pb") as typeof import("@pulumi/pulumi/proto/analyzer_pb.js");
const rpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb") as typeof import("@pulumi/pulumi/proto/analyzer_grpc_pb.js");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as typeof import("google-protobuf/google/protobuf/struct_pb.js");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb") as typeof import("google-protobuf/google/protobuf/empty_pb.js");

const PACK_DIR = join(import.meta.dirname, "..");
const START_TIMEOUT_MS = 90_000;
const LEVELS: Record<number, string> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };

let child: ChildProcess | undefined;
let client: InstanceType<typeof rpc.AnalyzerClient>;

async function startPack(): Promise<number> {
  // The engine address is never dialled by run-policy-pack; a closed port makes any future use fail loudly.
  const launch = policyPackLaunch(PACK_DIR, "127.0.0.1:1", { project: "stellarr", stack: "local", dryRun: true, config: {} });
  child = spawn(launch.command, launch.args, { cwd: launch.cwd, env: launch.env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let stdout = "";
  const port = new Promise<number>((resolve, reject) => {
    child!.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split("\n")[0]!.trim();
      if (stdout.includes("\n") && /^\d+$/.test(line)) resolve(Number(line));
    });
    child!.once("exit", (code) => reject(new Error(`pack exited (${code}) before serving: ${stderr}`)));
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`pack did not print its port within ${START_TIMEOUT_MS} ms: ${stderr}`)), START_TIMEOUT_MS);
  });
  try {
    return await Promise.race([port, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function stopPack() {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child?.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

const call = <Req, Res>(method: (req: Req, cb: (e: Error | null, r: Res) => void) => unknown, req: Req) =>
  new Promise<Res>((resolve, reject) => method.call(client, req, (e, r) => (e ? reject(e) : resolve(r))));

const struct = (props: Record<string, unknown>) => Struct.fromJavaScript(JSON.parse(JSON.stringify(props)));

function analyzerResource(r: RecordedResource) {
  const resource = new pb.AnalyzerResource();
  resource.setType(r.type);
  resource.setName(r.name);
  resource.setUrn(r.urn);
  // Stack policies see outputs; the harness adds the recorded id the same way.
  resource.setProperties(struct({ ...(r.id !== undefined ? { id: r.id } : {}), ...r.state }));
  resource.setOptions(new pb.AnalyzerResourceOptions()); // required, or the pack asks for a newer CLI
  if (r.parent) resource.setParent(r.parent);
  if (r.dependencies) resource.setDependenciesList(r.dependencies);
  return resource;
}

async function analyzeWithPack(resources: RecordedResource[]): Promise<string[]> {
  const found: string[] = [];
  const collect = (response: InstanceType<typeof pb.AnalyzeResponse>, urn?: string) => {
    for (const d of response.getDiagnosticsList()) {
      // The analyzer prefixes each violation with the policy's description (the CLI prints both).
      const prefix = `${d.getDescription()}\n`;
      const message = d.getMessage().startsWith(prefix) ? d.getMessage().slice(prefix.length) : d.getMessage();
      found.push(`${d.getPolicyname()}|${LEVELS[d.getEnforcementlevel()]}|${message}|${d.getUrn() || urn}`);
    }
  };
  for (const r of resources) {
    const request = new pb.AnalyzeRequest();
    request.setType(r.type);
    request.setName(r.name);
    request.setUrn(r.urn);
    request.setProperties(struct(r.inputs));
    request.setOptions(new pb.AnalyzerResourceOptions());
    collect(await call(client.analyze, request), r.urn);
  }
  const stack = new pb.AnalyzeStackRequest();
  stack.setResourcesList(resources.map(analyzerResource));
  collect(await call(client.analyzeStack, stack));
  return found.sort();
}

async function analyzeWithHarness(resources: RecordedResource[]): Promise<string[]> {
  const { violations } = await evaluate(policies, resources);
  return violations.map((v) => `${v.policy}|${v.enforcementLevel}|${v.message}|${v.urn}`).sort();
}

// A representative graph with one mistake per policy family, so both sides have plenty to report.
function badGraph(): RecordedResource[] {
  const g = [...scenarioGraph("prod-domain-waf"), ...scenarioGraph("local")].filter((r) => r.type !== T.bucketPublicAccessBlock);
  const edit = (type: string, change: (p: Record<string, any>) => void) => {
    const r = g.find((x) => x.type === type)!;
    change(r.inputs);
    change(r.state);
  };
  edit(T.lambdaFunction, (p) => {
    p["architectures"] = ["x86_64"];
    p["environment"].variables.TMDB_API_KEY = "0123";
  });
  edit(T.distribution, (p) => {
    p["defaultCacheBehavior"].viewerProtocolPolicy = "allow-all";
    p["customErrorResponses"] = [{ errorCode: 404, responseCode: 200, responsePagePath: "/index.html" }];
    delete p["webAclId"];
  });
  edit(T.table, (p) => {
    p["pointInTimeRecovery"] = { enabled: false };
    p["deletionProtectionEnabled"] = false;
  });
  edit(T.container, (p) => (p["privileged"] = true));
  return g;
}

describe("the language host's command line for the pack", () => {
  it("runs run-policy-pack first, then PulumiPolicy.yaml's nodeargs, the engine address and the pack directory, in the pack directory", () => {
    const launch = policyPackLaunch(PACK_DIR, "127.0.0.1:9");
    expect(launch.command).toBe(process.execPath);
    expect(launch.args[0]).toMatch(/node_modules\/@pulumi\/pulumi\/cmd\/run-policy-pack\/index\.js$/);
    expect(launch.args.slice(1)).toEqual(["127.0.0.1:9", PACK_DIR]);
    expect(launch.cwd).toBe(PACK_DIR);
    expect(launch.env.PULUMI_NODEJS_TYPESCRIPT).toBeUndefined();
  });

  it("splits nodeargs as google/shlex does", () => {
    expect(splitNodeargs("--import tsx")).toEqual(["--import", "tsx"]);
    expect(splitNodeargs(` --a "b c" 'd e' f\\ g # note`)).toEqual(["--a", "b c", "d e", "f g"]);
    expect(splitNodeargs("")).toEqual([]);
  });
});

describe("the real pack over gRPC", () => {
  beforeAll(async () => {
    const port = await startPack();
    client = new rpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  }, START_TIMEOUT_MS + 10_000);

  afterAll(async () => {
    client?.close();
    await stopPack();
  }, 15_000);

  it("announces every policy with its enforcement level", async () => {
    const info = await call<InstanceType<typeof Empty>, InstanceType<typeof pb.AnalyzerInfo>>(client.getAnalyzerInfo, new Empty());
    expect(info.getName()).toBe("stellarr-guard");
    const announced = info.getPoliciesList().map((p) => `${p.getName()}:${LEVELS[p.getEnforcementlevel()]}`);
    expect(announced.sort()).toEqual(policies.map((p) => `${p.name}:${p.enforcementLevel}`).sort());
  });

  it("reports nothing for the representative graphs", async () => {
    expect(await analyzeWithPack([...scenarioGraph("prod-domain-waf"), ...scenarioGraph("local")])).toEqual([]);
  });

  it("reports nothing for the real prod-domain-waf and local stack graphs", { timeout: 180_000 }, async () => {
    const build = await loadBuildStackGraph();
    const graph = [...(await build("prod-domain-waf")), ...(await build("local"))];
    expect(await analyzeWithPack(graph)).toEqual([]);
  });

  it("reports exactly what the offline harness reports for a graph full of mistakes", async () => {
    const g = badGraph();
    const fromPack = await analyzeWithPack(g);
    expect(fromPack.length).toBeGreaterThanOrEqual(10);
    expect(fromPack).toEqual(await analyzeWithHarness(g));
  });
});
