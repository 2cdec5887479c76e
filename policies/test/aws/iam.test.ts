import { describe, expect, it } from "vitest";
import { disallowBroadManagedPolicies } from "../../aws/iam/disallowBroadManagedPolicies.js";
import { disallowDynamodbScan } from "../../aws/iam/disallowDynamodbScan.js";
import { disallowWildcardActions } from "../../aws/iam/disallowWildcardActions.js";
import { restrictDataPlaneResources } from "../../aws/iam/restrictDataPlaneResources.js";
import { restrictTrustPolicy } from "../../aws/iam/restrictTrustPolicy.js";
import { useOneRolePerFunction } from "../../aws/iam/useOneRolePerFunction.js";
import { T } from "../../lib/types.js";
import * as a from "../fixtures/aws.js";
import { record } from "../fixtures/record.js";
import { expectMetadata, messagesOf } from "../support.js";

const TABLE = a.arn("dynamodb", "table/stellarr-requests");
const rolePolicy = (statements: object[]) =>
  record("aws:iam/rolePolicy:RolePolicy", "api-policy", { role: "stellarr-api", policy: a.identityPolicy(statements) });
const managedPolicy = (statements: object[]) =>
  record("aws:iam/policy:Policy", "api-managed", { policy: { Version: "2012-10-17", Statement: statements } });
const roleWithInline = (statements: object[]) =>
  record(T.role, "api-role", { ...a.role(), inlinePolicies: [{ name: "inline", policy: a.identityPolicy(statements) }] });

describe("aws-iam-policy-disallow-wildcard-actions", () => {
  const p = disallowWildcardActions;
  it("has metadata", () => expectMetadata(p, "aws-iam-policy-disallow-wildcard-actions"));
  it("passes for named actions, also in Deny statements with wildcards", async () => {
    const deny = { Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } };
    expect(await messagesOf(p, [record("aws:iam/rolePolicy:RolePolicy", "x", a.apiRolePolicy()), rolePolicy([deny])])).toEqual([]);
  });
  it("reports '*' in a role policy", async () => {
    expect(await messagesOf(p, rolePolicy([{ Sid: "All", Effect: "Allow", Action: "*", Resource: TABLE }]))).toEqual([
      "Statement 'All' allows every action ('*').",
    ]);
  });
  it("reports 'service:*' in a standalone policy", async () => {
    expect(await messagesOf(p, managedPolicy([{ Effect: "Allow", Action: ["dynamodb:*"], Resource: TABLE }]))).toEqual([
      "Statement #1 allows every action of a service ('dynamodb:*').",
    ]);
  });
  it("reports NotAction in a role's inline policy", async () => {
    expect(await messagesOf(p, roleWithInline([{ Effect: "Allow", NotAction: "iam:*", Resource: TABLE }]))).toEqual([
      "Statement #1 of inline policy 'inline' uses NotAction with Allow, which grants every other action.",
    ]);
  });
  it("reports an unparsable document", async () => {
    expect(await messagesOf(p, record("aws:iam/policy:Policy", "bad", { policy: "nope" }))).toEqual([
      "The policy document is not a valid JSON policy document.",
    ]);
  });
});

describe("aws-iam-policy-restrict-data-plane-resources", () => {
  const p = restrictDataPlaneResources;
  it("has metadata", () => expectMetadata(p, "aws-iam-policy-restrict-data-plane-resources"));
  it("passes for scoped data actions and '*' for control-plane actions", async () => {
    expect(await messagesOf(p, record("aws:iam/rolePolicy:RolePolicy", "x", a.apiRolePolicy()))).toEqual([]);
  });
  it("reports data actions on '*'", async () => {
    const s = { Sid: "Data", Effect: "Allow", Action: ["dynamodb:GetItem", "xray:PutTraceSegments", "s3:PutObject"], Resource: "*" };
    expect(await messagesOf(p, rolePolicy([s]))).toEqual([
      "Statement 'Data' allows data-plane actions (dynamodb:GetItem, s3:PutObject) on every resource; name the resources instead.",
    ]);
  });
  it("reports wildcard data actions and NotResource", async () => {
    const s = { Effect: "Allow", Action: ["secretsmanager:Get*"], NotResource: TABLE };
    expect(await messagesOf(p, roleWithInline([s]))).toEqual([
      "Statement #1 of inline policy 'inline' allows data-plane actions (secretsmanager:Get*) on every resource; name the resources instead.",
    ]);
  });
});

describe("aws-iam-policy-restrict-data-plane-resources: wildcard resource names", () => {
  const p = restrictDataPlaneResources;
  const grant = (Action: string[], Resource: string[]) => rolePolicy([{ Sid: "Data", Effect: "Allow", Action, Resource }]);
  it("passes for wildcards after a named resource: indexes, key prefixes, log streams, secret suffixes", async () => {
    const scoped = grant(
      ["dynamodb:Query", "s3:PutObject", "logs:PutLogEvents", "secretsmanager:GetSecretValue"],
      [
        `${TABLE}/index/*`,
        "arn:aws:s3:::stellarr-trending/trending-*.json",
        `${a.arn("logs", "log-group:/aws/lambda/stellarr-api")}:*`,
        a.arn("secretsmanager", "secret:stellarr-app-??????"),
        a.arn("dynamodb", "table/stellarr-*"),
      ],
    );
    expect(await messagesOf(p, scoped)).toEqual([]);
  });
  it.each([
    ["every table", ["dynamodb:GetItem"], a.arn("dynamodb", "table/*")],
    ["every secret", ["secretsmanager:GetSecretValue"], a.arn("secretsmanager", "secret:*")],
    ["every bucket's objects", ["s3:GetObject"], "arn:aws:s3:::*/*"],
    ["every log group", ["logs:PutLogEvents"], a.arn("logs", "log-group:*")],
    ["every function", ["lambda:InvokeFunction"], a.arn("lambda", "function:*")],
    ["a resource part that is only a wildcard", ["dynamodb:GetItem"], a.arn("dynamodb", "*")],
  ])("reports %s", async (_label, actions, arn) => {
    expect(await messagesOf(p, grant(actions, [arn]))).toEqual([
      `Statement 'Data' allows data-plane actions (${actions.join(", ")}) on '${arn}', whose wildcard stands for the resource's name, so it matches every such resource in the account; name the resource instead.`,
    ]);
  });
  it("reports a wildcard region or account", async () => {
    const arn = "arn:aws:dynamodb:*:*:table/stellarr-requests";
    expect(await messagesOf(p, grant(["dynamodb:GetItem"], [arn]))).toEqual([
      `Statement 'Data' allows data-plane actions (dynamodb:GetItem) on '${arn}', whose partition, service, region or account is a wildcard, so it matches resources beyond this stack's; name the resource instead.`,
    ]);
  });
  it("leaves control-plane statements alone", async () => {
    expect(await messagesOf(p, grant(["dynamodb:DescribeTable"], [a.arn("dynamodb", "table/*")]))).toEqual([]);
  });
});

describe("aws-iam-policy-disallow-dynamodb-scan", () => {
  const p = disallowDynamodbScan;
  it("has metadata", () => expectMetadata(p, "aws-iam-policy-disallow-dynamodb-scan"));
  it("passes for key reads and queries, and for a Deny of Scan", async () => {
    const deny = { Effect: "Deny", Action: "dynamodb:Scan", Resource: TABLE };
    expect(await messagesOf(p, [record("aws:iam/rolePolicy:RolePolicy", "x", a.apiRolePolicy()), rolePolicy([deny])])).toEqual([]);
  });
  it("reports dynamodb:Scan in a role policy", async () => {
    const s = { Sid: "UseTable", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Scan"], Resource: TABLE };
    expect(await messagesOf(p, rolePolicy([s]))).toEqual([
      "Statement 'UseTable' allows dynamodb:Scan; read with GetItem, Query or BatchGetItem instead.",
    ]);
  });
  it.each(["dynamodb:S*", "dynamodb:*", "DynamoDB:scan", "*"])("reports Scan granted through '%s'", async (action) => {
    expect(await messagesOf(p, roleWithInline([{ Effect: "Allow", Action: action, Resource: TABLE }]))).toEqual([
      `Statement #1 of inline policy 'inline' allows dynamodb:Scan (through '${action}'); read with GetItem, Query or BatchGetItem instead.`,
    ]);
  });
});

describe("aws-iam-role-one-per-function", () => {
  const p = useOneRolePerFunction;
  const roleArn = (n: string) => `arn:aws:iam::${a.ACCOUNT}:role/${n}`;
  const fn = (name: string, role: string) => record(T.lambdaFunction, name, a.lambdaFunction(name, roleArn(role)));
  const role = (name: string) => record(T.role, `${name}-role`, a.role(name), { arn: roleArn(name) });
  it("has metadata", () => expectMetadata(p, "aws-iam-role-one-per-function"));
  it("passes with a role each", async () => {
    expect(await messagesOf(p, [role("api"), role("warmer"), fn("api", "api"), fn("warmer", "warmer")])).toEqual([]);
  });
  it("reports a shared role", async () => {
    expect(await messagesOf(p, [role("api"), fn("api", "api"), fn("warmer", "api")])).toEqual([
      "Role 'api-role' is shared by functions 'api', 'warmer'; give each function its own least-privilege role.",
    ]);
  });
});

describe("aws-iam-role-disallow-broad-managed-policies", () => {
  const p = disallowBroadManagedPolicies;
  const attach = (policy: string) =>
    record("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "attach", {
      role: "stellarr-api",
      policyArn: `arn:aws:iam::aws:policy/${policy}`,
    });
  it("has metadata", () => expectMetadata(p, "aws-iam-role-disallow-broad-managed-policies"));
  it("passes for narrow managed policies", async () => {
    expect(await messagesOf(p, [attach("service-role/AWSLambdaBasicExecutionRole"), record(T.role, "r", a.role())])).toEqual([]);
  });
  it("reports AdministratorAccess attached", async () => {
    expect(await messagesOf(p, attach("AdministratorAccess"))).toEqual([
      "The role is given the AWS managed policy AdministratorAccess; grant only what the function needs.",
    ]);
  });
  it("reports a *FullAccess policy in managedPolicyArns", async () => {
    const r = record(T.role, "r", { ...a.role(), managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess"] });
    expect(await messagesOf(p, r)).toEqual([
      "The role is given the AWS managed policy AmazonDynamoDBFullAccess; grant only what the function needs.",
    ]);
  });
});

describe("aws-iam-role-restrict-trust-policy", () => {
  const p = restrictTrustPolicy;
  const trust = (statement: object) =>
    record(T.role, "r", { ...a.role(), assumeRolePolicy: a.identityPolicy([{ Effect: "Allow", Action: "sts:AssumeRole", ...statement }]) });
  it("has metadata", () => expectMetadata(p, "aws-iam-role-restrict-trust-policy"));
  it("passes for a service principal", async () => {
    expect(await messagesOf(p, record(T.role, "r", a.role()))).toEqual([]);
  });
  it.each([["*"], [{ AWS: "*" }], [{ AWS: ["arn:aws:iam::111111111111:root", "*"] }]])("reports the principal %j", async (principal) => {
    expect(await messagesOf(p, trust({ Principal: principal }))).toEqual(["Trust statement #1 lets any principal assume the role."]);
  });
  it("reports an unparsable trust policy", async () => {
    expect(await messagesOf(p, record(T.role, "r", { ...a.role(), assumeRolePolicy: "{" }))).toEqual([
      "The role's trust policy is not a valid JSON policy document.",
    ]);
  });
});
