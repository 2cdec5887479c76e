import * as aws from "@pulumi/aws";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { asArray } from "../../lib/values.js";

// AWS managed policies that grant whole services or the whole account.
const BROAD = /:iam::aws:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess|[A-Za-z0-9]*FullAccess)$/;

function managedName(arn: string): string {
  return arn.split("/").pop() ?? arn;
}

/**
 * The least-privilege statements the other IAM policies check are worthless if a role also gets
 * AdministratorAccess or a *FullAccess managed policy attached.
 * @frameworks AWS FSBP IAM.1; Checkov CKV_AWS_274
 */
export const disallowBroadManagedPolicies: ResourceValidationPolicy = {
  name: "aws-iam-role-disallow-broad-managed-policies",
  description: "IAM roles get no AdministratorAccess, PowerUserAccess or *FullAccess managed policies.",
  enforcementLevel: "mandatory",
  severity: "critical",
  validateResource: [
    validateResourceOfType(aws.iam.RolePolicyAttachment, (attachment, _args, reportViolation) => {
      if (BROAD.test(String(attachment.policyArn))) {
        reportViolation(
          `The role is given the AWS managed policy ${managedName(String(attachment.policyArn))}; grant only what the function needs.`,
        );
      }
    }),
    validateResourceOfType(aws.iam.Role, (role, _args, reportViolation) => {
      for (const arn of asArray<string>(role.managedPolicyArns).filter((a) => BROAD.test(a))) {
        reportViolation(`The role is given the AWS managed policy ${managedName(arn)}; grant only what the function needs.`);
      }
    }),
  ],
};
