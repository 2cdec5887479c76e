import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy, type StackValidationPolicy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { T } from "../lib/types.js";
import { aboutType } from "../lib/values.js";
import { evaluate, mandatory } from "@stellarr/testkit/policy-evaluator";
import { record } from "./fixtures/record.js";

const bucket = record(T.bucket, "b", { bucket: "from-inputs" }, { bucket: "from-state", arn: "arn:aws:s3:::from-state" });
const table = record(T.table, "t", { name: "table" });

describe("offline harness", () => {
  it("gives resource policies inputs, filters by type and records not-applicable reasons", async () => {
    const seen: string[] = [];
    const policy: ResourceValidationPolicy = {
      name: "p",
      description: "d",
      enforcementLevel: "mandatory",
      validateResource: validateResourceOfType(aws.s3.Bucket, (b, args, report) => {
        seen.push(`${args.name}:${b.bucket}:${args.isType(aws.s3.Bucket)}:${args.asType(aws.dynamodb.Table) === undefined}`);
        report("bad bucket");
      }),
    };
    const result = await evaluate([policy], [bucket, table]);
    expect(seen).toEqual(["b:from-inputs:true:true"]);
    expect(result.violations).toEqual([{ policy: "p", enforcementLevel: "mandatory", message: "bad bucket", urn: bucket.urn }]);
    expect(result.notApplicable.get("p")).toEqual(["Policy only applies to resources of type 'aws:s3/bucket:Bucket'"]);
    expect(result.applied.get("p")).toBe(1);
  });

  it("runs every validation of an array and swallows notApplicable", async () => {
    const policy: ResourceValidationPolicy = {
      name: "p",
      description: "d",
      enforcementLevel: "advisory",
      validateResource: [
        validateResourceOfType(aws.s3.Bucket, (_b, _a, report) => report("from bucket validation")),
        (args, report) => {
          if (args.type === T.table) args.notApplicable("tables are fine");
          report(`untyped saw ${args.name}`);
        },
      ],
    };
    const result = await evaluate([policy], [bucket, table]);
    expect(result.violations.map((v) => v.message)).toEqual(["from bucket validation", "untyped saw b"]);
    expect(result.violations.every((v) => v.enforcementLevel === "advisory")).toBe(true);
    expect(mandatory(result)).toEqual([]);
    expect(result.notApplicable.get("p")).toContain("tables are fine");
  });

  it("gives stack policies state, parents, dependencies and config", async () => {
    const child = { ...record(T.bucketPolicy, "child", { bucket: "x" }, {}, bucket.urn), dependencies: [bucket.urn, "urn:gone"] };
    const policy: StackValidationPolicy = {
      name: "s",
      description: "d",
      enforcementLevel: "mandatory",
      validateStack: (args, report) => {
        const b = args.resources.find((r) => r.isType(aws.s3.Bucket))!;
        const c = args.resources.find((r) => r.name === "child")!;
        report(`${b.props["bucket"]} ${c.parent?.name} ${c.dependencies.map((d) => d.name)} ${args.getConfig<{ k: string }>().k}`, b.urn);
      },
    };
    const result = await evaluate([policy], [bucket, child], { config: { s: { k: "v" } } });
    expect(result.violations).toEqual([{ policy: "s", enforcementLevel: "mandatory", message: "from-state b b v", urn: bucket.urn }]);
  });

  it("gives stack policies the recorded id when the state lacks one", async () => {
    const withId = { ...record(T.bucket, "c", {}), id: "physical-c", state: { bucket: "c" } };
    const policy: StackValidationPolicy = {
      name: "s",
      description: "d",
      validateStack: (args, report) => report(String(args.resources[0]!.props["id"])),
    };
    expect((await evaluate([policy], [withId])).violations.map((v) => v.message)).toEqual(["physical-c"]);
  });

  it("skips a typed stack policy when the stack has no resource of its type", async () => {
    let ran = 0;
    const policy: StackValidationPolicy = {
      name: "typed",
      description: "d",
      enforcementLevel: "mandatory",
      validateStack: aboutType(T.table, () => {
        ran++;
      }),
    };
    const without = await evaluate([policy], [bucket]);
    expect(ran).toBe(0);
    expect(without.notApplicable.get("typed")).toEqual(["Policy only applies to resources of type 'aws:dynamodb/table:Table'"]);
    const withTable = await evaluate([policy], [bucket, table]);
    expect(ran).toBe(1);
    expect(withTable.applied.get("typed")).toBe(1);
  });

  it("skips disabled policies and isolates mutations between policies", async () => {
    const mutate: ResourceValidationPolicy = {
      name: "m",
      description: "d",
      enforcementLevel: "mandatory",
      validateResource: (args) => {
        args.props["bucket"] = "mutated";
      },
    };
    const check: ResourceValidationPolicy = {
      name: "c",
      description: "d",
      enforcementLevel: "mandatory",
      validateResource: (args, report) => report(String(args.props["bucket"])),
    };
    const off: ResourceValidationPolicy = { ...check, name: "off", enforcementLevel: "disabled" };
    const result = await evaluate([mutate, check, off], [bucket]);
    expect(result.violations.map((v) => `${v.policy}:${v.message}`)).toEqual(["c:from-inputs"]);
  });

  it("propagates real errors instead of hiding them", async () => {
    const broken: ResourceValidationPolicy = {
      name: "x",
      description: "d",
      validateResource: () => {
        throw new Error("boom");
      },
    };
    await expect(evaluate([broken], [bucket])).rejects.toThrow("boom");
  });
});
