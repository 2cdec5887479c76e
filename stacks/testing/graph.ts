/**
 * Builds a stack configuration under mocks and returns its recorded resource graph. Used by the
 * stack tests and by `policies/` (CrossGuard over the same graphs).
 *
 * Scenarios: `local` = Pulumi.local.yaml; `prod*` = Pulumi.prod.yaml plus test secrets, with a
 * custom domain (`-domain`) and/or WAF (`-waf`).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { Deployment } from "../components/types.js";
import { NAMESPACE, defaultPaths, parseSettings, repoRoot, type BuildPaths } from "../settings.js";
import { installMocks, settle, valueOf, type RecordedResource } from "./mocks.js";
import { readStackConfig } from "./stack-config.js";

export type { RecordedResource } from "./mocks.js";
export type Scenario = "local" | "prod" | "prod-domain" | "prod-waf" | "prod-domain-waf";
export const SCENARIOS: Scenario[] = ["local", "prod", "prod-domain", "prod-waf", "prod-domain-waf"];

/** Test-only secret values for the prod scenarios (the real ones are `pulumi config set --secret`). */
export const TEST_SECRETS: Record<string, string> = {
  presharedPassword: "correct horse battery staple",
  tmdbApiKey: "0123456789abcdef0123456789abcdef",
};
export const TEST_DOMAIN = "stellarr.example.com";
export const TEST_ZONE = "Z0123456789EXAMPLE";

/** The flat `stellarr:*` config of a scenario, and which keys are secret. */
export function scenarioConfig(scenario: Scenario): { config: Record<string, string>; secretKeys: string[]; stack: string } {
  const stack = scenario === "local" ? "local" : "prod";
  const file = readStackConfig(path.join(repoRoot, `Pulumi.${stack}.yaml`));
  const config = { ...file.values };
  const secretKeys: string[] = [];
  if (stack === "prod") {
    for (const [k, v] of Object.entries(TEST_SECRETS)) {
      config[`${NAMESPACE}:${k}`] = v;
      secretKeys.push(`${NAMESPACE}:${k}`);
    }
    if (scenario.includes("domain")) {
      config[`${NAMESPACE}:domain`] = TEST_DOMAIN;
      config[`${NAMESPACE}:hostedZoneId`] = TEST_ZONE;
    }
    if (scenario.includes("waf")) config[`${NAMESPACE}:enableWaf`] = "true";
  }
  return { config, secretKeys, stack };
}

let fixtureRoot: string | undefined;
/**
 * A stand-in for the build outputs the AWS stack uploads (ui/dist and the Lambda bundles), so graph
 * tests do not depend on a prior `npm run build`; the Dockerfile stays the repository's own.
 */
export function fixturePaths(): BuildPaths {
  if (!fixtureRoot) {
    fixtureRoot = mkdtempSync(path.join(tmpdir(), "stellarr-stack-fixture-"));
    const files: Record<string, string> = {
      "ui/dist/index.html": "<!doctype html><title>Stellarr</title>",
      "ui/dist/sw.js": "self.addEventListener('fetch', () => {});",
      "ui/dist/assets/index-B4x9Qz1a.js": "console.log(1);",
      "ui/dist/assets/index-C7d2Kp0e.css": "body{}",
      "ui/dist/icons/icon-192.png": "\x89PNG",
      "ui/dist/favicon.svg": "<svg/>",
      "runtime/dist/lambda/api/index.mjs": "export const handler = async () => ({ statusCode: 200 });",
      "runtime/dist/lambda/warmer/index.mjs": "export const handler = async () => ({ ok: true });",
    };
    for (const [rel, content] of Object.entries(files)) {
      const file = path.join(fixtureRoot, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  }
  const p = defaultPaths(fixtureRoot);
  return { ...p, root: repoRoot, dockerfile: path.join(repoRoot, "Dockerfile") };
}

/** Installs mocks with the scenario's config (plus overrides) and builds it; does not settle. */
export async function buildScenario(
  scenario: Scenario,
  paths: BuildPaths = fixturePaths(),
  /** Extra `stellarr:*` config over the scenario's, e.g. `{ "stellarr:apiTimeoutSeconds": "55" }`. */
  overrides: Record<string, string> = {},
): Promise<{ deployment: Deployment; resources: RecordedResource[] }> {
  const { config, secretKeys, stack } = scenarioConfig(scenario);
  const recorder = await installMocks({ stack, config: { ...config, ...overrides }, secretKeys });
  const settings = parseSettings(new pulumi.Config(NAMESPACE), { stack, paths });
  const deploy =
    settings.target === "aws" ? (await import("../aws/deploy.js")).deployAws : (await import("../docker/deploy.js")).deployDocker;
  const deployment = deploy(settings);
  return { deployment, resources: recorder.resources };
}

/**
 * Builds a scenario under mocks and returns the settled resource graph. Mocks are process-global:
 * call it sequentially (await one before starting the next), never concurrently.
 */
export async function buildStackGraph(scenario: Scenario): Promise<RecordedResource[]> {
  const { deployment, resources } = await buildScenario(scenario);
  // Resolve every output so applies (and the resources they create) have run, then drain RPCs.
  await valueOf(pulumi.output(deployment.outputs as Record<string, unknown>));
  await settle();
  return resources;
}
