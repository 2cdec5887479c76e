import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { T } from "../../lib/types.js";
import { aboutType, asArray, asString, ofType, refersTo, type Props } from "../../lib/values.js";

// The SPA routing function's tell: it points the request at the app shell.
const REWRITES_TO_INDEX = /\buri\s*=\s*["'`]\/index\.html["'`]/;

/**
 * The SPA routing function sends extension-less paths to /index.html. On the default behavior it only meets SPA
 * routes and files; on any other behavior (`/api/*`, `/list/*`, `/webhook/*`, …) it would answer API, feed or
 * webhook requests with the app's HTML page — with a 200 (product.md §10: SPA routing lives on the site behavior).
 * Recognised by its code rewriting `uri` to /index.html; functions from outside the stack cannot be read.
 */
export const keepSpaRoutingOnDefault: StackValidationPolicy = {
  name: "aws-cloudfront-distribution-keep-spa-routing-on-default-behavior",
  description: "The CloudFront Function that routes the SPA to /index.html runs on the default cache behavior only.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateStack: aboutType(T.distribution, (args: StackValidationArgs, reportViolation: ReportViolation) => {
    const spaFunctions = ofType(args.resources, T.cloudfrontFunction).filter((f) =>
      REWRITES_TO_INDEX.test(asString(f.props["code"]) ?? ""),
    );
    for (const distribution of ofType(args.resources, T.distribution)) {
      for (const behavior of asArray<Props>(distribution.props["orderedCacheBehaviors"])) {
        for (const association of asArray<Props>(behavior["functionAssociations"])) {
          const fn = spaFunctions.find((f) => refersTo(association["functionArn"], f));
          if (!fn) continue;
          reportViolation(
            `Distribution '${distribution.name}': the cache behavior for '${behavior["pathPattern"]}' runs the SPA routing function '${fn.name}', which rewrites its requests to /index.html; attach it to the default behavior only.`,
            distribution.urn,
          );
        }
      }
    }
  }),
};
