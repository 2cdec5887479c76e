// Loads the real stack graphs from stacks/testing/graph.ts (built under Pulumi mocks). Imported dynamically
// so the pack itself never depends on the stacks workspace, and a missing file gives a clear message.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { RecordedResource } from "@stellarr/testkit/policy-evaluator";

export type Scenario = "local" | "prod" | "prod-domain" | "prod-waf" | "prod-domain-waf";
export const SCENARIOS: Scenario[] = ["local", "prod", "prod-domain", "prod-waf", "prod-domain-waf"];

/** `testing/graph.ts` of the stacks workspace, found by its package name. */
export const STACK_GRAPH_MODULE = ((): string => {
  try {
    return join(dirname(createRequire(import.meta.url).resolve("@stellarr/stacks/package.json")), "testing", "graph.ts");
  } catch {
    return "@stellarr/stacks/testing/graph.ts (the stacks workspace is not installed)";
  }
})();

export function stackGraphsAvailable(): boolean {
  return existsSync(STACK_GRAPH_MODULE);
}

/** Config over a scenario's own (full keys), plain and secret. */
export interface ConfigOptions {
  config?: Record<string, string>;
  secrets?: Record<string, string>;
}
type BuildStackGraph = (scenario: Scenario, options?: ConfigOptions) => Promise<RecordedResource[]>;

async function graphModule(): Promise<{ buildStackGraph?: BuildStackGraph; TEST_OPTIONS?: ConfigOptions }> {
  if (!stackGraphsAvailable()) throw new Error(`${STACK_GRAPH_MODULE} does not exist, so the stacks cannot be evaluated.`);
  return (await import(pathToFileURL(STACK_GRAPH_MODULE).href)) as { buildStackGraph?: BuildStackGraph; TEST_OPTIONS?: ConfigOptions };
}

export async function loadBuildStackGraph(): Promise<BuildStackGraph> {
  const mod = await graphModule();
  if (typeof mod.buildStackGraph !== "function") throw new Error(`${STACK_GRAPH_MODULE} does not export buildStackGraph.`);
  return mod.buildStackGraph;
}

/** Every optional runtime setting set, as the stack tests use it (the `prod-domain-waf` scenario has it built in). */
export async function loadTestOptions(): Promise<ConfigOptions> {
  const mod = await graphModule();
  if (!mod.TEST_OPTIONS) throw new Error(`${STACK_GRAPH_MODULE} does not export TEST_OPTIONS.`);
  return mod.TEST_OPTIONS;
}
