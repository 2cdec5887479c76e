import { asArray } from "./values.js";

/** One statement of an IAM policy document, with every list-or-string field normalised to a list. */
export interface Statement {
  /** `Sid` when present, otherwise `#<position>` (1-based) so messages can point at it. */
  label: string;
  effect: "Allow" | "Deny";
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
  principal: unknown;
  notPrincipal: unknown;
  condition: Record<string, Record<string, unknown>>;
}

/**
 * Parse a policy document given as JSON text or as an object (`aws.iam.PolicyDocument`).
 * Returns undefined when it is not a document, so callers can report that instead of guessing.
 */
export function parsePolicyDocument(document: unknown): Statement[] | undefined {
  let doc: unknown = document;
  if (typeof doc === "string") {
    try {
      doc = JSON.parse(doc);
    } catch {
      return undefined;
    }
  }
  if (!doc || typeof doc !== "object") return undefined;
  const raw = (doc as Record<string, unknown>)["Statement"];
  if (raw === undefined) return undefined;
  return asArray<Record<string, unknown>>(raw).map((s, index) => ({
    label: typeof s["Sid"] === "string" && s["Sid"] ? `'${s["Sid"]}'` : `#${index + 1}`,
    effect: s["Effect"] === "Deny" ? "Deny" : "Allow",
    actions: asArray<string>(s["Action"]),
    notActions: asArray<string>(s["NotAction"]),
    resources: asArray<string>(s["Resource"]),
    notResources: asArray<string>(s["NotResource"]),
    principal: s["Principal"],
    notPrincipal: s["NotPrincipal"],
    condition: (s["Condition"] as Statement["condition"]) ?? {},
  }));
}

/** Condition values for a key (case-insensitive, as IAM treats global condition keys), per operator. */
export function conditionValues(statement: Statement, key: string): { operator: string; values: string[] }[] {
  const found: { operator: string; values: string[] }[] = [];
  for (const [operator, entries] of Object.entries(statement.condition)) {
    for (const [k, v] of Object.entries(entries ?? {})) {
      if (k.toLowerCase() === key.toLowerCase()) found.push({ operator, values: asArray<string>(v).map(String) });
    }
  }
  return found;
}

/** Whether an IAM action pattern grants an action: case-insensitive; `*` matches any run of characters, `?` one. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`, "i").test(action);
}
