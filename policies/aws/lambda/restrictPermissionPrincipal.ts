import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Lambda resource policies: "anyone" may only call through the Function URL (which the origin-verify header
 * guards), and AWS services (EventBridge) only for the named source, else any rule in any account can invoke.
 * @frameworks AWS FSBP Lambda.1; Checkov CKV_AWS_364; compliance-policies aws-lambda-permission-configure-source-arn
 */
export const restrictPermissionPrincipal: ResourceValidationPolicy = {
  name: "aws-lambda-permission-restrict-principal",
  description: "Lambda permissions grant '*' only for Function URL invocation and name a sourceArn for AWS services.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: validateResourceOfType(aws.lambda.Permission, (permission, _args, reportViolation) => {
    const { principal, action } = permission;
    if (principal === "*") {
      const viaUrl =
        (action === "lambda:InvokeFunctionUrl" && permission.functionUrlAuthType !== undefined) ||
        (action === "lambda:InvokeFunction" && permission.invokedViaFunctionUrl === true);
      if (!viaUrl) {
        reportViolation(`The permission lets any principal ('*') call ${action} outside a Function URL.`);
      }
    } else if (typeof principal === "string" && principal.endsWith(".amazonaws.com") && !permission.sourceArn) {
      reportViolation(
        `The permission for ${principal} has no sourceArn, so any resource of that service in any account can invoke the function.`,
      );
    }
  }),
};
