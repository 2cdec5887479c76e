import { describe, expect, it } from "vitest";
import { configureLogging } from "../../aws/wafv2/configureLogging.js";
import { rateLimitAuthRoutes } from "../../aws/wafv2/rateLimitAuthRoutes.js";
import { T } from "../../lib/types.js";
import * as a from "../fixtures/aws.js";
import { record } from "../fixtures/record.js";
import { expectMetadata, messagesOf, notApplicableReasons, tweak } from "../support.js";

type Acl = ReturnType<typeof a.webAcl> & Record<string, any>;
const ACL_ARN = a.arn("wafv2", "global/webacl/stellarr/1", "us-east-1");
const acl = (change: (x: Acl) => void = () => {}) => record(T.webAcl, "waf", tweak(a.webAcl() as Acl, change), { arn: ACL_ARN });

describe("aws-wafv2-web-acl-rate-limit-auth-routes", () => {
  const p = rateLimitAuthRoutes;
  const AUTH = "The web ACL has no blocking rate-based rule scoped to '/api/auth/'.";
  const OVERALL = "The web ACL has no blocking rate-based rule over all requests.";
  it("has metadata", () => expectMetadata(p, "aws-wafv2-web-acl-rate-limit-auth-routes"));
  it("passes with both rate rules", async () => expect(await messagesOf(p, acl())).toEqual([]));
  it("accepts rules given as ruleJson (PascalCase, base64 search string)", async () => {
    const r = acl((x) => {
      x["ruleJson"] = JSON.stringify([
        {
          Name: "auth",
          Priority: 0,
          Action: { Block: {} },
          Statement: {
            RateBasedStatement: {
              Limit: 100,
              AggregateKeyType: "IP",
              ScopeDownStatement: {
                ByteMatchStatement: {
                  FieldToMatch: { UriPath: {} },
                  PositionalConstraint: "STARTS_WITH",
                  SearchString: Buffer.from("/api/auth/").toString("base64"),
                  TextTransformations: [{ Priority: 0, Type: "NONE" }],
                },
              },
            },
          },
        },
      ]);
      x.rules = x.rules.slice(1);
    });
    expect(await messagesOf(p, r)).toEqual([]);
  });
  it("reports a missing auth rule", async () => {
    expect(
      await messagesOf(
        p,
        acl((x) => (x.rules = x.rules.slice(1))),
      ),
    ).toEqual([AUTH]);
  });
  it("reports an auth rule that only counts", async () => {
    expect(
      await messagesOf(
        p,
        acl((x) => (x.rules[0]!.action = { count: {} } as never)),
      ),
    ).toEqual([AUTH]);
  });
  it("reports an auth rule scoped to another path", async () => {
    const r = acl((x) => (x.rules[0]!.statement.rateBasedStatement.scopeDownStatement!.byteMatchStatement.searchString = "/api/search"));
    expect(await messagesOf(p, r)).toEqual([AUTH]);
  });
  it("reports a missing overall rule", async () => {
    expect(
      await messagesOf(
        p,
        acl((x) => (x.rules = x.rules.slice(0, 1))),
      ),
    ).toEqual([OVERALL]);
  });
});

describe("aws-wafv2-web-acl-configure-logging", () => {
  const p = configureLogging;
  const logging = (change: object = {}) => record(T.webAclLogging, "waf-logging", { ...a.webAclLogging(ACL_ARN), ...change });
  it("has metadata", () => expectMetadata(p, "aws-wafv2-web-acl-configure-logging"));
  it("passes with logging that redacts the query string", async () => {
    expect(await messagesOf(p, [acl(), logging()])).toEqual([]);
  });
  it("is not applicable without WAF", async () => {
    expect(await notApplicableReasons(p, [logging()])).toEqual(["WAF is not enabled in this stack."]);
  });
  it("reports a web ACL without logging", async () => {
    expect(await messagesOf(p, [acl()])).toEqual(["Web ACL 'waf' has no logging configuration."]);
  });
  it("reports logging that keeps the query string", async () => {
    expect(await messagesOf(p, [acl(), logging({ redactedFields: [{ singleHeader: { name: "authorization" } }] })])).toEqual([
      "The logging configuration of web ACL 'waf' does not redact the query string, which carries feed and webhook tokens.",
    ]);
  });
});
