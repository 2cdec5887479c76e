// The acceptance check of issue 15: every real stack configuration (built under mocks by
// stacks/testing/graph.ts) passes the whole pack with zero mandatory violations. The mutation cases prove
// the evaluation reads the real graphs' shapes rather than passing because nothing matched.
import { beforeAll, describe, expect, it } from "vitest";
import { policies } from "../policies.js";
import { loadBuildStackGraph, SCENARIOS, type Scenario } from "../stack-graphs.js";
import { T } from "../lib/types.js";
import { evaluate, mandatory, type RecordedResource } from "./harness.js";

// Building a graph loads the stack program under mocks: seconds each on a loaded 2-core machine.
const SLOW = { timeout: 180_000 };

let build: (scenario: Scenario) => Promise<RecordedResource[]>;
const graphs = new Map<Scenario, RecordedResource[]>();
const graph = async (scenario: Scenario) => {
  if (!graphs.has(scenario)) graphs.set(scenario, await build(scenario));
  return structuredClone(graphs.get(scenario)!);
};

beforeAll(async () => {
  build = await loadBuildStackGraph();
}, 120_000);

describe("real stack configurations", () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario}: zero mandatory violations`, SLOW, async () => {
      const result = await evaluate(policies, await graph(scenario));
      expect(mandatory(result).map((v) => `[${v.policy}] ${v.message}`)).toEqual([]);
    });
  }
});

describe("the evaluation sees the real graphs", () => {
  const messages = async (resources: RecordedResource[]) =>
    mandatory(await evaluate(policies, resources)).map((v) => `[${v.policy}] ${v.message}`);
  const both = (r: RecordedResource, change: (props: Record<string, any>) => void) => {
    change(r.inputs);
    change(r.state);
  };

  it("prod-domain-waf: a missing public access block, x86 API and an unguarded origin are reported", SLOW, async () => {
    const g = (await graph("prod-domain-waf")).filter((r) => r.type !== T.bucketPublicAccessBlock);
    const api = g.find((r) => r.type === T.lambdaFunction && r.inputs["reservedConcurrentExecutions"] !== undefined)!;
    both(api, (p) => (p["architectures"] = ["x86_64"]));
    const cdn = g.find((r) => r.type === T.distribution)!;
    both(cdn, (p) => {
      for (const o of p["origins"]) delete o["customHeaders"];
    });
    const found = await messages(g);
    expect(found).toContain("[aws-lambda-function-use-arm64] The function runs on x86_64; set architectures to ['arm64'].");
    expect(found.filter((m) => m.startsWith("[aws-s3-bucket-require-public-access-block]"))).toHaveLength(
      g.filter((r) => r.type === T.bucket).length,
    );
    expect(found.some((m) => m.startsWith("[aws-cloudfront-distribution-add-origin-verify-header]"))).toBe(true);
    expect(found.some((m) => m.startsWith("[aws-lambda-function-url-require-auth-or-origin-verify]"))).toBe(true);
  });

  it("prod-waf: a detached web ACL and an unprotected table are reported", SLOW, async () => {
    const g = await graph("prod-waf");
    both(
      g.find((r) => r.type === T.distribution)!,
      (p) => delete p["webAclId"],
    );
    both(
      g.find((r) => r.type === T.table)!,
      (p) => (p["deletionProtectionEnabled"] = false),
    );
    const found = await messages(g);
    expect(found.some((m) => m.startsWith("[aws-cloudfront-distribution-attach-web-acl]"))).toBe(true);
    expect(found.some((m) => m.startsWith("[aws-dynamodb-table-enable-deletion-protection]"))).toBe(true);
  });

  it("prod: a cached API, SPA routing on /api/*, a table/* grant and Scan are reported", SLOW, async () => {
    const g = await graph("prod");
    const apiCache = g.find((r) => r.type === T.cachePolicy && r.inputs["name"]?.endsWith("-api"))!;
    both(apiCache, (p) => (p["defaultTtl"] = 60));
    const cdn = g.find((r) => r.type === T.distribution)!;
    both(cdn, (p) => {
      const api = p["orderedCacheBehaviors"].find((b: any) => b.pathPattern === "/api/*");
      api.functionAssociations = p["defaultCacheBehavior"].functionAssociations;
    });
    const apiPolicy = g.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && String(r.inputs["policy"]).includes("UseTable"))!;
    both(apiPolicy, (p) => {
      const doc = JSON.parse(p["policy"]);
      const table = doc.Statement.find((st: any) => st.Sid === "UseTable");
      table.Action.push("dynamodb:Scan");
      table.Resource = [table.Resource[0].replace(/table\/.*$/, "table/*")];
      p["policy"] = JSON.stringify(doc);
    });
    const found = await messages(g);
    for (const policy of [
      "aws-cloudfront-distribution-keep-api-uncached",
      "aws-cloudfront-distribution-keep-spa-routing-on-default-behavior",
      "aws-iam-policy-restrict-data-plane-resources",
      "aws-iam-policy-disallow-dynamodb-scan",
    ]) {
      expect(
        found.some((m) => m.startsWith(`[${policy}]`)),
        policy,
      ).toBe(true);
    }
  });

  it("local: an upload into Caddy's read-only root and a container without a restart policy are reported", SLOW, async () => {
    const g = await graph("local");
    const proxy = g.find((r) => r.type === T.container && r.inputs["readOnly"] === true && r.inputs["ports"]?.length > 0)!;
    both(proxy, (p) => (p["uploads"] = [{ file: "/etc/caddy/Caddyfile", content: "localhost {\n}\n" }]));
    both(
      g.find((r) => r.type === T.container && r !== proxy)!,
      (p) => delete p["restart"],
    );
    const found = await messages(g);
    expect(found.some((m) => m.startsWith("[docker-container-disallow-uploads-into-read-only-root]"))).toBe(true);
    expect(found.some((m) => m.startsWith("[docker-container-set-restart-policy]"))).toBe(true);
  });

  it("local: a published runtime port and a lost data volume are reported", SLOW, async () => {
    const g = await graph("local");
    const runtime = g.find((r) => r.type === T.container && r.inputs["envs"]?.some((e: string) => e.startsWith("DATA_DIR=")))!;
    both(runtime, (p) => {
      p["ports"] = [{ internal: 8080, external: 8080 }];
      delete p["mounts"];
      delete p["volumes"];
    });
    const found = await messages(g);
    expect(found.some((m) => m.startsWith("[docker-container-publish-ports-only-from-proxy]"))).toBe(true);
    expect(found.some((m) => m.startsWith("[docker-container-keep-data-on-volume]"))).toBe(true);
  });
});
