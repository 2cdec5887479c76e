/**
 * What a newcomer meets first, kept true: `npm ci` on the Node versions `engines` allows prints no
 * EBADENGINE warning; the deploy guides list the provider plugins the stacks use at the versions
 * package-lock.json pins; every relative link and file reference in README.md and docs/*.md
 * resolves; and stack-notes.md describes the packages (and versions) this repository uses.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as semver from "semver";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../settings.js";
import { buildStackGraph, type Scenario } from "../testing/graph.js";

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
  optional?: boolean;
}
const lock = JSON.parse(readFileSync(path.join(repoRoot, "package-lock.json"), "utf8")) as {
  packages: Record<string, LockedPackage>;
};
const rootPackage = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8"));
const read = (rel: string) => readFileSync(path.join(repoRoot, rel), "utf8");

describe("npm ci", () => {
  // npm warns (EBADENGINE) for every installed package whose engines.node excludes the running Node.
  const refusing = (node: string) =>
    Object.entries(lock.packages)
      .filter(([key, p]) => key !== "" && typeof p.engines === "object" && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !semver.satisfies(node, (p.engines as { node: string }).node))
      .map(([key, p]) => `${key}@${p.version} wants node ${(p.engines as { node: string }).node}`);

  it("installs without an engine warning on the oldest Node the root package.json allows", () => {
    const oldest = semver.minVersion(rootPackage.engines.node)!.version;
    expect(oldest).toMatch(/^20\./);
    expect(refusing(oldest)).toEqual([]);
  });

  it("installs without an engine warning on this Node", () => {
    expect(semver.satisfies(process.version, rootPackage.engines.node)).toBe(true);
    expect(refusing(process.version)).toEqual([]);
  });
});

describe("provider plugins in the deploy guides", () => {
  const PLUGIN_LINE = /^pulumi plugin install resource (\S+) (\S+)$/gm;
  const guides: [string, Scenario][] = [
    ["docs/deploy-local.md", "local"],
    ["docs/deploy-aws.md", "prod-domain-waf"],
  ];

  it.each(guides)(
    "%s lists every provider its stack uses, at the version package-lock.json pins",
    async (guide, scenario) => {
      const listed = Object.fromEntries([...read(guide).matchAll(PLUGIN_LINE)].map((m) => [m[1]!, m[2]!]));
      const graph = await buildStackGraph(scenario);
      const used = [...new Set(graph.filter((r) => r.custom).map((r) => r.type.split(":")[0]!))].sort();
      expect(Object.keys(listed).sort()).toEqual(used);
      for (const [name, version] of Object.entries(listed)) {
        const pkg = `@pulumi/${name}`;
        expect(lock.packages[`node_modules/${pkg}`]?.version, `${pkg} in package-lock.json`).toBe(version);
        // The version the SDK asks the engine for when it registers a resource.
        const manifest = JSON.parse(read(`node_modules/${pkg}/package.json`)) as { pulumi?: { name: string; version: string } };
        expect(manifest.pulumi).toEqual({ resource: true, name, version });
      }
    },
    120_000,
  );
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes, duplicates numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const line of withoutCode(markdown).split("\n")) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = m[1]!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
      .replace(/ /g, "-");
    let anchor = base;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}

/** Fenced code blocks blanked out: shell lines are not links. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1\s*$/gm, (block) => block.replace(/[^\n]/g, " "));
}

const WORKSPACES = ["runtime", "ui", "stacks", "policies", "testkit"];
const TOP_LEVEL = new Set([...WORKSPACES, "docs", "scripts", ".ci"]);

/** Problems with one document's relative links and file references (empty when all resolve). */
function brokenReferences(rel: string, markdown = read(rel)): string[] {
  const file = path.join(repoRoot, rel);
  const dir = path.dirname(file);
  const text = withoutCode(markdown);
  const problems: string[] = [];
  // [text](target) links, with their #anchors.
  for (const m of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = m[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [linkPath = "", anchor] = target.split("#");
    const resolved = linkPath === "" ? file : path.resolve(dir, decodeURIComponent(linkPath));
    const targetText = () => (resolved === file ? markdown : readFileSync(resolved, "utf8"));
    if (resolved !== file && !existsSync(resolved)) {
      problems.push(`${rel}: link ${target} points nowhere`);
    } else if (anchor !== undefined && resolved.endsWith(".md") && !anchorsOf(targetText()).has(anchor)) {
      problems.push(`${rel}: link ${target} names no heading`);
    }
  }
  // `name.md` mentions of sibling documents (product.md's supporting material, `stack-notes.md §N`).
  for (const m of text.matchAll(/`([\w.-]+\.md)(?:\s+§[^`]*)?`/g)) {
    const name = m[1]!;
    if (![dir, repoRoot].some((d) => existsSync(path.join(d, name)))) problems.push(`${rel}: ${name} is not in the repository`);
  }
  // `runtime/test/fixtures/x.json`-style references to files of this repository (from the root or a workspace).
  for (const m of text.matchAll(/`([.\w-]+\/[^`\s<>*{}]*\.[A-Za-z0-9]+)`/g)) {
    const ref = m[1]!;
    if (!TOP_LEVEL.has(ref.split("/")[0]!)) continue;
    const bases = [repoRoot, ...WORKSPACES.map((w) => path.join(repoRoot, w))];
    if (!bases.some((b) => existsSync(path.join(b, ref)))) problems.push(`${rel}: ${ref} is not in the repository`);
  }
  return problems;
}

describe("documentation", () => {
  const documents = [
    "README.md",
    ...readdirSync(path.join(repoRoot, "docs"))
      .filter((f) => f.endsWith(".md"))
      .map((f) => `docs/${f}`),
  ];

  it("has only relative links and file references that resolve", () => {
    expect(documents.length).toBeGreaterThan(5);
    expect(documents.flatMap((d) => brokenReferences(d))).toEqual([]);
  });

  it("derives heading anchors as GitHub does", () => {
    const anchors = anchorsOf("# Deploy to AWS\n## Timeouts\n```\n# not a heading\n```\n## Timeouts\n## `code` and *stars*, too\n");
    expect([...anchors]).toEqual(["deploy-to-aws", "timeouts", "timeouts-1", "code-and-stars-too"]);
  });

  it("catches a missing file, heading, document or fixture, and ignores code blocks and URLs", () => {
    const doc = [
      "# Here",
      "[ok](deploy-aws.md#timeouts), [self](#here), [web](https://example.com/x.md), [up](../README.md)",
      "[gone](nope.md), [no heading](deploy-aws.md#no-such-heading), [no self](#elsewhere)",
      "`style.md`, `formats.md`, `stack-notes.md §2`, `peers.md §1`",
      "`runtime/test/fixtures/arr/missing.json`, `scripts/make-icons.ts` (ui's), `server/api/elsewhere.ts` (another repository's)",
      "```sh",
      "[code](not-checked.md) `also-not.md`",
      "```",
    ].join("\n");
    expect(brokenReferences("docs/example.md", doc)).toEqual([
      "docs/example.md: link nope.md points nowhere",
      "docs/example.md: link deploy-aws.md#no-such-heading names no heading",
      "docs/example.md: link #elsewhere names no heading",
      "docs/example.md: style.md is not in the repository",
      "docs/example.md: peers.md is not in the repository",
      "docs/example.md: runtime/test/fixtures/arr/missing.json is not in the repository",
    ]);
  });

  it("stack-notes.md describes only packages this repository depends on, at their locked versions", () => {
    const declared = new Set(
      [".", ...WORKSPACES].flatMap((w) => {
        const pkg = JSON.parse(read(path.join(w, "package.json")));
        return Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
      }),
    );
    const notes = read("docs/stack-notes.md");
    const table = notes.slice(notes.indexOf("## 0."), notes.indexOf("## 1."));
    const rows = [...table.matchAll(/^\| ([@\w./-]+) \| \*{0,2}([\d.]+)\*{0,2} \|/gm)].map((m) => [m[1]!, m[2]!] as const);
    expect(rows.length).toBeGreaterThan(20);
    for (const [name, version] of rows) {
      expect(declared.has(name), `${name} is a dependency of a package.json`).toBe(true);
      expect(lock.packages[`node_modules/${name}`]?.version, `${name} in package-lock.json`).toBe(version);
    }
  });
});
