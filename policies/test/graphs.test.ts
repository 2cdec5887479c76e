import { describe, expect, it } from "vitest";
import { policies } from "../policies.js";
import { evaluate } from "@stellarr/testkit/policy-evaluator";
import { scenarioGraph, SCENARIOS } from "./fixtures/graphs.js";

describe("representative stack graphs", () => {
  it.each(SCENARIOS)("%s passes every policy", async (scenario) => {
    const { violations } = await evaluate(policies, scenarioGraph(scenario));
    expect(violations).toEqual([]);
  });
});
