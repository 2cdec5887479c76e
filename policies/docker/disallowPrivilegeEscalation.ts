import * as docker from "@pulumi/docker";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { asArray } from "../lib/values.js";

/**
 * With no-new-privileges a process cannot gain rights through setuid binaries, so a compromised runtime stays
 * the unprivileged user it started as.
 * @frameworks CIS Docker Benchmark 5.25
 */
export const disallowPrivilegeEscalation: ResourceValidationPolicy = {
  name: "docker-container-disallow-privilege-escalation",
  description: "Docker containers run with the no-new-privileges security option.",
  enforcementLevel: "mandatory",
  severity: "medium",
  validateResource: validateResourceOfType(docker.Container, (container, _args, reportViolation) => {
    const options = asArray<string>(container.securityOpts).map((o) => o.replace(/\s/g, "").toLowerCase());
    if (!options.some((o) => o === "no-new-privileges" || o === "no-new-privileges:true" || o === "no-new-privileges=true")) {
      reportViolation("The container allows privilege escalation; add 'no-new-privileges:true' to securityOpts.");
    }
  }),
};
