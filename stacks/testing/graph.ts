/**
 * Builds a stack configuration under mocks and returns its recorded resource graph. Used by the
 * stack tests and by `policies/` (CrossGuard over the same graphs).
 *
 * Scenarios: `local` = Pulumi.local.yaml; `prod*` = Pulumi.prod.yaml plus test secrets, with a
 * custom domain (`-domain`) and/or WAF (`-waf`). `prod-domain-waf`, the fullest, also sets every optional
 * runtime setting (`TEST_OPTIONS`); the local stack tests build `local` with them as well.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { Deployment } from "../components/types.js";
import { NAMESPACE, defaultPaths, parseSettings, repoRoot, type BuildPaths } from "../settings.js";
import { installMocks, settle, valueOf, type RecordedResource } from "@stellarr/testkit/pulumi/recorder";
import { readStackConfig } from "./stack-config.js";

export type { RecordedResource } from "@stellarr/testkit/pulumi/recorder";
export type Scenario = "local" | "prod" | "prod-domain" | "prod-waf" | "prod-domain-waf";
export const SCENARIOS: Scenario[] = ["local", "prod", "prod-domain", "prod-waf", "prod-domain-waf"];

/** Test-only secret values for the prod scenarios (the real ones are `pulumi config set --secret`). */
export const TEST_SECRETS: Record<string, string> = {
  presharedPassword: "correct horse battery staple",
  tmdbApiKey: "0123456789abcdef0123456789abcdef",
};
export const TEST_DOMAIN = "stellarr.example.com";

/** A P-256 key pair in web-push's raw base64url form, as an operator of the original Stellarr would configure it. Test-only. */
export const TEST_VAPID = {
  publicKey: "BJuiTViB6ZHcpWzCrilsBR7aQe5gs3Wft0cHpqcfdJUwbrPA3NfiraCZXPjmdRKeaiIV8JEbsuj8RHUmaODvMEo",
  privateKey: "oc_PZ94OnpBAh6zw4hh3HXU35BrxAM13z5SAmEEpSo8",
};

/**
 * Every optional setting of the media-server, notification and migration work (issues #23, #24, #26) set:
 * plain keys, and secrets (the webhook token under its old name, `plexWebhookToken`, as existing stacks have it).
 * The Jellyfin id has the real form (32 hex digits), which must not read as a secret in a Lambda environment.
 */
export const TEST_OPTIONS: { config: Record<string, string>; secrets: Record<string, string> } = {
  config: {
    [`${NAMESPACE}:jellyfinServerId`]: "16588a9f062a40c4966586b1d220bffc",
    [`${NAMESPACE}:embyServerId`]: "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
    [`${NAMESPACE}:notifyLocale`]: "fr",
    [`${NAMESPACE}:allowPrivateEndpoints`]: "true",
    [`${NAMESPACE}:vapidPublicKey`]: TEST_VAPID.publicKey,
  },
  secrets: {
    [`${NAMESPACE}:plexWebhookToken`]: "configuredwebhooktoken0123456789",
    [`${NAMESPACE}:notifyUrls`]: "ntfy://tk_0123456789abcdefghijklmnopqrs@ntfy.sh/stellarr-house-7f3k,https://hooks.example.com/stellarr",
    [`${NAMESPACE}:notifyWebhookSecret`]: "household-webhook-signing-secret",
    [`${NAMESPACE}:vapidPrivateKey`]: TEST_VAPID.privateKey,
  },
};
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
    if (scenario === "prod-domain-waf") {
      Object.assign(config, TEST_OPTIONS.config, TEST_OPTIONS.secrets);
      secretKeys.push(...Object.keys(TEST_OPTIONS.secrets));
    }
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
      "runtime/dist/lambda/notifier/index.mjs": "export const handler = async () => ({ delivered: 0 });",
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
  /** Extra secret config (full keys), e.g. `TEST_OPTIONS.secrets`. */
  secretOverrides: Record<string, string> = {},
): Promise<{ deployment: Deployment; resources: RecordedResource[] }> {
  const { config, secretKeys, stack } = scenarioConfig(scenario);
  const recorder = await installMocks({
    stack,
    config: { ...config, ...overrides, ...secretOverrides },
    secretKeys: [...secretKeys, ...Object.keys(secretOverrides)],
  });
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
export async function buildStackGraph(
  scenario: Scenario,
  options: { config?: Record<string, string>; secrets?: Record<string, string> } = {},
): Promise<RecordedResource[]> {
  const { deployment, resources } = await buildScenario(scenario, fixturePaths(), options.config, options.secrets);
  // Resolve every output so applies (and the resources they create) have run, then drain RPCs.
  await valueOf(pulumi.output(deployment.outputs as Record<string, unknown>));
  await settle();
  return resources;
}
