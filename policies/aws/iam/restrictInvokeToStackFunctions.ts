import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { actionMatches } from "../../lib/iam-document.js";
import { identityDocuments } from "../../lib/iam-sources.js";
import { T } from "../../lib/types.js";
import { asString, ofType } from "../../lib/values.js";

// The actions that run a function's code with its role's rights (InvokeWithResponseStream is authorised as InvokeFunction).
const INVOKE_ACTIONS = ["lambda:InvokeFunction", "lambda:InvokeAsync", "lambda:InvokeFunctionUrl"];

/**
 * A role that may invoke a function borrows that function's rights: the API hands fulfilments to the notifier
 * (issue #24), and that is the only invocation the stack needs. A grant on '*', on `function:*`, or on a
 * function outside the stack lets a compromised function run code it was never meant to reach — another
 * stack's, with that stack's table and secrets. So every invoke grant names functions of this stack, by their
 * ARN (a qualifier after it — `:live`, `:7`, `:*` — stays within the function). Grants on every resource are
 * also caught by `aws-iam-policy-restrict-data-plane-resources`; this one also knows which functions are ours.
 */
export const restrictInvokeToStackFunctions: StackValidationPolicy = {
  name: "aws-iam-policy-restrict-lambda-invoke-to-stack-functions",
  description: "IAM policies allow invoking Lambda functions only on the stack's own functions, never '*' or another stack's.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
    const documents = identityDocuments(args.resources);
    if (documents.length === 0) args.notApplicable("The stack declares no IAM policies.");
    const functionArns = ofType(args.resources, T.lambdaFunction)
      .map((f) => asString(f.props["arn"]))
      .filter((a): a is string => a !== undefined);
    const ours = (arn: string) =>
      functionArns.some((f) => arn === f || (arn.startsWith(`${f}:`) && !arn.slice(f.length + 1).includes(":")));

    for (const { resource, where, statements } of documents) {
      for (const s of (statements ?? []).filter((st) => st.effect === "Allow")) {
        const granted = s.actions.flatMap((pattern) =>
          INVOKE_ACTIONS.filter((a) => actionMatches(pattern, a)).map((a) => (pattern === a ? a : `${a} (through '${pattern}')`)),
        );
        if (granted.length === 0) continue;
        const statement = `Policy '${resource.name}': statement ${s.label}${where}`;
        if (s.resources.includes("*") || s.notResources.length > 0) {
          reportViolation(
            `${statement} allows ${granted.join(", ")} on every function; name this stack's functions instead.`,
            resource.urn,
          );
          continue;
        }
        for (const arn of s.resources.filter((r) => !ours(r))) {
          reportViolation(
            `${statement} allows ${granted.join(", ")} on '${arn}', which is not a function of this stack; name only this stack's functions.`,
            resource.urn,
          );
        }
      }
    }
  },
};
