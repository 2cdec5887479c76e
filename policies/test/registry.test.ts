import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { isStackPolicy, policies } from "../policies.js";

const root = join(import.meta.dirname, "..");

function policyFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? policyFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("policy registry", () => {
  const files = [...policyFiles(join(root, "aws")), ...policyFiles(join(root, "docker"))];

  it("holds at least 20 mandatory policies with unique names", () => {
    expect(policies.length).toBeGreaterThanOrEqual(20);
    expect(new Set(policies.map((p) => p.name)).size).toBe(policies.length);
    const notMandatory = policies.filter((p) => p.enforcementLevel !== "mandatory");
    expect(notMandatory.map((p) => p.name)).toEqual([]);
  });

  it("registers every policy file, one policy per file, named for a verb phrase", async () => {
    expect(files.length).toBe(policies.length);
    for (const file of files) {
      expect(relative(root, file)).toMatch(/^(aws\/[a-z0-9]+|docker)\/[a-z]+[A-Za-z0-9]*\.ts$/);
      const mod = (await import(file)) as Record<string, unknown>;
      const exported = Object.values(mod).filter((v) => policies.includes(v as never));
      expect(exported, relative(root, file)).toHaveLength(1);
    }
  });

  it("keeps the PolicyPack out of the registry", () => {
    expect(readFileSync(join(root, "policies.ts"), "utf8")).not.toMatch(/new PolicyPack/);
    expect(readFileSync(join(root, "index.ts"), "utf8")).toMatch(/new PolicyPack\("stellarr-guard"/);
  });

  it("documents every policy in docs/policies.md", () => {
    const docs = readFileSync(join(root, "..", "docs", "policies.md"), "utf8");
    expect(policies.filter((p) => !docs.includes(`\`${p.name}\``)).map((p) => p.name)).toEqual([]);
    expect(docs).toContain(`All ${policies.length} policies`);
  });

  it("gives each policy exactly one kind of validation", () => {
    for (const p of policies) {
      const resource = "validateResource" in p && p.validateResource !== undefined;
      expect(resource !== isStackPolicy(p), p.name).toBe(true);
    }
  });
});
