// The registry: every policy object, grouped by service. No PolicyPack here (stack-notes §2), so tests and
// the report import this module without starting a gRPC server. A new policy is one file plus one line below.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

import { blockAllPublicAccess } from "./aws/s3/blockAllPublicAccess.js";
import { grantOnlyCloudFront } from "./aws/s3/grantOnlyCloudFront.js";
import { requirePublicAccessBlock } from "./aws/s3/requirePublicAccessBlock.js";
import { denyInsecureTransport } from "./aws/s3/denyInsecureTransport.js";
import { requireServerSideEncryption } from "./aws/s3/requireServerSideEncryption.js";

import { addOriginVerifyHeader } from "./aws/cloudfront/addOriginVerifyHeader.js";
import { attachResponseHeadersPolicy } from "./aws/cloudfront/attachResponseHeadersPolicy.js";
import { attachWebAcl } from "./aws/cloudfront/attachWebAcl.js";
import { configureTlsPolicy } from "./aws/cloudfront/configureTlsPolicy.js";
import { enableHsts } from "./aws/cloudfront/enableHsts.js";
import { keepApiErrors } from "./aws/cloudfront/keepApiErrors.js";
import { keepApiUncached } from "./aws/cloudfront/keepApiUncached.js";
import { keepSpaRoutingOnDefault } from "./aws/cloudfront/keepSpaRoutingOnDefault.js";
import { requireHttpsToOrigins } from "./aws/cloudfront/requireHttpsToOrigins.js";
import { requireHttpsViewers } from "./aws/cloudfront/requireHttpsViewers.js";
import { signOriginRequests } from "./aws/cloudfront/signOriginRequests.js";
import { useOriginAccessControl } from "./aws/cloudfront/useOriginAccessControl.js";

import { declareLogGroup } from "./aws/lambda/declareLogGroup.js";
import { disallowSecretsInEnvironment } from "./aws/lambda/disallowSecretsInEnvironment.js";
import { guardFunctionUrl } from "./aws/lambda/guardFunctionUrl.js";
import { restrictPermissionPrincipal } from "./aws/lambda/restrictPermissionPrincipal.js";
import { useArm64 } from "./aws/lambda/useArm64.js";
import { useSupportedRuntime } from "./aws/lambda/useSupportedRuntime.js";

import { setLogRetention } from "./aws/cloudwatch/setLogRetention.js";

import { enableDeletionProtection } from "./aws/dynamodb/enableDeletionProtection.js";
import { enablePointInTimeRecovery } from "./aws/dynamodb/enablePointInTimeRecovery.js";
import { enableServerSideEncryption } from "./aws/dynamodb/enableServerSideEncryption.js";
import { enableTtl } from "./aws/dynamodb/enableTtl.js";

import { disallowBroadManagedPolicies } from "./aws/iam/disallowBroadManagedPolicies.js";
import { disallowDynamodbScan } from "./aws/iam/disallowDynamodbScan.js";
import { disallowWildcardActions } from "./aws/iam/disallowWildcardActions.js";
import { restrictDataPlaneResources } from "./aws/iam/restrictDataPlaneResources.js";
import { restrictTrustPolicy } from "./aws/iam/restrictTrustPolicy.js";
import { useOneRolePerFunction } from "./aws/iam/useOneRolePerFunction.js";

import { configureLogging } from "./aws/wafv2/configureLogging.js";
import { rateLimitAuthRoutes } from "./aws/wafv2/rateLimitAuthRoutes.js";

import { tagTaggableResources } from "./aws/tags/tagTaggableResources.js";

import { disallowDockerSocket } from "./docker/disallowDockerSocket.js";
import { disallowHostNetwork } from "./docker/disallowHostNetwork.js";
import { disallowPrivilegeEscalation } from "./docker/disallowPrivilegeEscalation.js";
import { disallowPrivilegedContainers } from "./docker/disallowPrivilegedContainers.js";
import { disallowUploadsIntoReadOnlyRoot } from "./docker/disallowUploadsIntoReadOnlyRoot.js";
import { keepDataOnVolume } from "./docker/keepDataOnVolume.js";
import { publishPortsOnlyFromProxy } from "./docker/publishPortsOnlyFromProxy.js";
import { setRestartPolicy } from "./docker/setRestartPolicy.js";

export type AnyPolicy = ResourceValidationPolicy | StackValidationPolicy;

export const policies: AnyPolicy[] = [
  // S3
  requirePublicAccessBlock,
  blockAllPublicAccess,
  requireServerSideEncryption,
  grantOnlyCloudFront,
  denyInsecureTransport,
  // CloudFront
  requireHttpsViewers,
  configureTlsPolicy,
  useOriginAccessControl,
  signOriginRequests,
  requireHttpsToOrigins,
  addOriginVerifyHeader,
  attachResponseHeadersPolicy,
  enableHsts,
  keepApiErrors,
  keepApiUncached,
  keepSpaRoutingOnDefault,
  attachWebAcl,
  // Lambda and its logs
  useArm64,
  useSupportedRuntime,
  declareLogGroup,
  setLogRetention,
  guardFunctionUrl,
  disallowSecretsInEnvironment,
  restrictPermissionPrincipal,
  // DynamoDB
  enablePointInTimeRecovery,
  enableServerSideEncryption,
  enableDeletionProtection,
  enableTtl,
  // IAM
  disallowWildcardActions,
  restrictDataPlaneResources,
  disallowDynamodbScan,
  useOneRolePerFunction,
  disallowBroadManagedPolicies,
  restrictTrustPolicy,
  // WAF
  rateLimitAuthRoutes,
  configureLogging,
  // Tags
  tagTaggableResources,
  // Docker
  disallowPrivilegedContainers,
  disallowHostNetwork,
  keepDataOnVolume,
  publishPortsOnlyFromProxy,
  disallowDockerSocket,
  disallowPrivilegeEscalation,
  disallowUploadsIntoReadOnlyRoot,
  setRestartPolicy,
];

export function isStackPolicy(policy: AnyPolicy): policy is StackValidationPolicy {
  return typeof (policy as StackValidationPolicy).validateStack === "function";
}

export {
  addOriginVerifyHeader,
  attachResponseHeadersPolicy,
  attachWebAcl,
  blockAllPublicAccess,
  configureLogging,
  configureTlsPolicy,
  declareLogGroup,
  denyInsecureTransport,
  disallowBroadManagedPolicies,
  disallowDockerSocket,
  disallowDynamodbScan,
  disallowHostNetwork,
  disallowPrivilegedContainers,
  disallowPrivilegeEscalation,
  disallowSecretsInEnvironment,
  disallowUploadsIntoReadOnlyRoot,
  disallowWildcardActions,
  enableDeletionProtection,
  enableHsts,
  enablePointInTimeRecovery,
  enableServerSideEncryption,
  enableTtl,
  grantOnlyCloudFront,
  guardFunctionUrl,
  keepApiErrors,
  keepApiUncached,
  keepDataOnVolume,
  keepSpaRoutingOnDefault,
  publishPortsOnlyFromProxy,
  rateLimitAuthRoutes,
  requireHttpsToOrigins,
  requireHttpsViewers,
  requirePublicAccessBlock,
  requireServerSideEncryption,
  restrictDataPlaneResources,
  restrictPermissionPrincipal,
  restrictTrustPolicy,
  setLogRetention,
  setRestartPolicy,
  signOriginRequests,
  tagTaggableResources,
  useArm64,
  useOneRolePerFunction,
  useOriginAccessControl,
  useSupportedRuntime,
};
