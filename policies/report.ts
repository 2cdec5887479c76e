// `npm run policies`: every policy with its enforcement level and its result on each stack configuration
// (the real graphs from stacks/testing/graph.ts, built under Pulumi mocks), then the violations in full.
// Exits non-zero when a mandatory policy is violated or the stacks cannot be built.
import { policies } from "./policies.js";
import { loadBuildStackGraph, SCENARIOS, stackGraphsAvailable, STACK_GRAPH_MODULE, type Scenario } from "./stack-graphs.js";
import { evaluate, type Evaluation } from "@stellarr/testkit/policy-evaluator";

function cell(evaluation: Evaluation, policy: string): string {
  const count = evaluation.violations.filter((v) => v.policy === policy).length;
  if (count > 0) return `FAIL ${count}`;
  return (evaluation.applied.get(policy) ?? 0) > 0 ? "pass" : "n/a";
}

async function main(): Promise<number> {
  if (!stackGraphsAvailable()) {
    console.error(`Cannot evaluate the stacks: ${STACK_GRAPH_MODULE} is missing.`);
    return 2;
  }
  const build = await loadBuildStackGraph();
  const results = new Map<Scenario, Evaluation>();
  for (const scenario of SCENARIOS) results.set(scenario, await evaluate(policies, await build(scenario)));

  const nameWidth = Math.max(...policies.map((p) => p.name.length));
  const widths = SCENARIOS.map((s) => Math.max(s.length, 6));
  const row = (name: string, level: string, cells: string[]) =>
    [name.padEnd(nameWidth), level.padEnd(9), ...cells.map((c, i) => c.padEnd(widths[i]!))].join("  ").trimEnd();

  console.log(`stellarr-guard: ${policies.length} policies over ${SCENARIOS.length} stack configurations\n`);
  console.log(row("policy", "level", SCENARIOS));
  console.log(
    row(
      "-".repeat(nameWidth),
      "-".repeat(9),
      widths.map((w) => "-".repeat(w)),
    ),
  );
  for (const p of policies) {
    console.log(
      row(
        p.name,
        p.enforcementLevel ?? "advisory",
        SCENARIOS.map((s) => cell(results.get(s)!, p.name)),
      ),
    );
  }

  let mandatoryCount = 0;
  for (const scenario of SCENARIOS) {
    const { violations } = results.get(scenario)!;
    if (violations.length === 0) continue;
    console.log(`\n${scenario}:`);
    for (const v of violations) {
      if (v.enforcementLevel === "mandatory") mandatoryCount++;
      console.log(`  [${v.enforcementLevel}] ${v.policy}: ${v.message}${v.urn ? `\n      at ${v.urn}` : ""}`);
    }
  }
  console.log(
    mandatoryCount === 0 ? "\nNo mandatory violations." : `\n${mandatoryCount} mandatory violation${mandatoryCount === 1 ? "" : "s"}.`,
  );
  return mandatoryCount === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(2);
  },
);
