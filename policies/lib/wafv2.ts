import { asArray, type Props } from "./values.js";

// `ruleJson` uses the AWS API's PascalCase keys; `rules` uses Pulumi's camelCase. Normalise to camelCase.
function camel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camel);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), camel(v)]),
    );
  }
  return value;
}

export function webAclRules(acl: Props): Props[] {
  const rules = asArray<Props>(acl["rules"]);
  if (typeof acl["ruleJson"] === "string") {
    try {
      rules.push(...asArray<Props>(camel(JSON.parse(acl["ruleJson"]))));
    } catch {
      // An unparsable ruleJson contributes no rules; the checks then report what is missing.
    }
  }
  return rules;
}

/** A rule that blocks (not just counts) once the rate is exceeded. */
export function isBlockingRateRule(rule: Props): boolean {
  return rule["statement"]?.["rateBasedStatement"] !== undefined && rule["action"]?.["block"] !== undefined;
}

function decoded(search: string): string {
  // ruleJson may carry SearchString base64-encoded, as the WAF API does.
  if (search.startsWith("/")) return search;
  try {
    return Buffer.from(search, "base64").toString("utf8");
  } catch {
    return search;
  }
}

function matchesAuthPath(statement: Props | undefined, prefix: string): boolean {
  if (!statement) return false;
  const byte = statement["byteMatchStatement"];
  if (byte && byte["fieldToMatch"]?.["uriPath"] !== undefined) {
    const search = decoded(String(byte["searchString"] ?? ""));
    const constraint = byte["positionalConstraint"];
    if ((constraint === "STARTS_WITH" || constraint === "CONTAINS") && search.startsWith(prefix)) return true;
  }
  const regex = statement["regexMatchStatement"];
  if (regex && regex["fieldToMatch"]?.["uriPath"] !== undefined) {
    if (
      String(regex["regexString"] ?? "")
        .replace(/\\\//g, "/")
        .startsWith(`^${prefix}`)
    )
      return true;
  }
  // Scope-down may combine the path with other conditions (e.g. method POST).
  return asArray<Props>(statement["andStatement"]?.["statements"]).some((s) => matchesAuthPath(s, prefix));
}

/** Rate rule whose scope-down statement limits it to paths starting with `prefix`. */
export function isRateRuleFor(rule: Props, prefix: string): boolean {
  return isBlockingRateRule(rule) && matchesAuthPath(rule["statement"]["rateBasedStatement"]["scopeDownStatement"], prefix);
}

/** Rate rule that counts every request (no scope-down). */
export function isOverallRateRule(rule: Props): boolean {
  return isBlockingRateRule(rule) && rule["statement"]["rateBasedStatement"]["scopeDownStatement"] === undefined;
}
