import { expect } from "vitest";
import type { AnyPolicy } from "../policies.js";
import { evaluate, type RecordedResource } from "@stellarr/testkit/policy-evaluator";

/** Messages one policy reports for the given resources, in report order. */
export async function messagesOf(
  policy: AnyPolicy,
  resources: RecordedResource | RecordedResource[],
  config?: Record<string, unknown>,
): Promise<string[]> {
  const list = Array.isArray(resources) ? resources : [resources];
  const { violations } = await evaluate([policy], list, config ? { config: { [policy.name]: config } } : {});
  return violations.map((v) => v.message);
}

/** Not-applicable reasons one policy gave. */
export async function notApplicableReasons(policy: AnyPolicy, resources: RecordedResource[]): Promise<string[]> {
  const { notApplicable } = await evaluate([policy], resources);
  return notApplicable.get(policy.name) ?? [];
}

/** The metadata every policy in the pack carries (compliance-policies style). */
export function expectMetadata(policy: AnyPolicy, name: string) {
  expect(policy.name).toBe(name);
  expect(policy.name).toMatch(/^(aws|docker)(-[a-z0-9]+)+$/);
  expect(policy.enforcementLevel).toBe("mandatory");
  expect(policy.description.length).toBeGreaterThan(10);
}

/** Deep copy with a change applied, for "change one prop" fixtures. */
export function tweak<T>(value: T, change: (copy: T) => void): T {
  const copy = structuredClone(value);
  change(copy);
  return copy;
}
