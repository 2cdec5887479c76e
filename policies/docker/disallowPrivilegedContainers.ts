import * as docker from "@pulumi/docker";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { asArray } from "../lib/values.js";

const DANGEROUS_CAPABILITIES = new Set(["ALL", "SYS_ADMIN", "CAP_SYS_ADMIN"]);

/**
 * A privileged container (or one with SYS_ADMIN) is root on the host; neither the runtime nor Caddy needs it.
 * @frameworks CIS Docker Benchmark 5.4 / 5.3; Checkov CKV_DOCKER (privileged)
 */
export const disallowPrivilegedContainers: ResourceValidationPolicy = {
  name: "docker-container-disallow-privileged",
  description: "Docker containers are not privileged and add no ALL or SYS_ADMIN capability.",
  enforcementLevel: "mandatory",
  severity: "critical",
  validateResource: validateResourceOfType(docker.Container, (container, _args, reportViolation) => {
    if (container.privileged === true) reportViolation("The container runs privileged; drop privileged mode.");
    for (const cap of asArray<string>(container.capabilities?.adds)) {
      if (DANGEROUS_CAPABILITIES.has(cap.toUpperCase())) {
        reportViolation(`The container adds the ${cap} capability, which amounts to root on the host.`);
      }
    }
  }),
};
