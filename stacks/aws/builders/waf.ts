/** WAFv2 rules for the CloudFront web ACL (product.md §10), pure. */

const visibility = (metric: string) => ({ cloudwatchMetricsEnabled: true, metricName: metric, sampledRequestsEnabled: true });

export function wafRules(o: { prefix: string; rateLimit: number; authRateLimit: number }): any[] {
  const managed = (name: string, priority: number, overrides: string[] = []) => ({
    name,
    priority,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: "AWS",
        name,
        ...(overrides.length > 0 ? { ruleActionOverrides: overrides.map((r) => ({ name: r, actionToUse: { count: {} } })) } : {}),
      },
    },
    visibilityConfig: visibility(`${o.prefix}-${name}`),
  });
  return [
    {
      name: "rate-limit-auth",
      priority: 1,
      action: { block: {} },
      statement: {
        rateBasedStatement: {
          limit: o.authRateLimit,
          evaluationWindowSec: 300,
          aggregateKeyType: "IP",
          scopeDownStatement: {
            byteMatchStatement: {
              fieldToMatch: { uriPath: {} },
              positionalConstraint: "STARTS_WITH",
              searchString: "/api/auth/",
              textTransformations: [{ priority: 0, type: "LOWERCASE" }],
            },
          },
        },
      },
      visibilityConfig: visibility(`${o.prefix}-rate-limit-auth`),
    },
    {
      name: "rate-limit-overall",
      priority: 2,
      action: { block: {} },
      statement: { rateBasedStatement: { limit: o.rateLimit, evaluationWindowSec: 300, aggregateKeyType: "IP" } },
      visibilityConfig: visibility(`${o.prefix}-rate-limit-overall`),
    },
    // Sync batches and Plex multipart bodies exceed the common set's 8 KB body limit: count, not block.
    managed("AWSManagedRulesCommonRuleSet", 3, ["SizeRestrictions_BODY"]),
    managed("AWSManagedRulesKnownBadInputsRuleSet", 4),
    managed("AWSManagedRulesAmazonIpReputationList", 5),
  ];
}

/** Logging: query strings carry feed/webhook tokens, so they are redacted; only blocked or counted requests are kept. */
export const WAF_LOGGING = {
  redactedFields: [{ queryString: {} }],
  loggingFilter: {
    defaultBehavior: "DROP",
    filters: [
      {
        behavior: "KEEP",
        requirement: "MEETS_ANY",
        conditions: [{ actionCondition: { action: "BLOCK" } }, { actionCondition: { action: "COUNT" } }],
      },
    ],
  },
};
