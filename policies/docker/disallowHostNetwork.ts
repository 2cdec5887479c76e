import * as docker from "@pulumi/docker";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";

/**
 * On the host network every port the runtime opens is reachable directly, bypassing the proxy (and its HTTPS);
 * sharing the host's PID namespace lets the container see and signal host processes.
 * @frameworks CIS Docker Benchmark 5.9 / 5.15
 */
export const disallowHostNetwork: ResourceValidationPolicy = {
  name: "docker-container-disallow-host-network",
  description: "Docker containers use the stack's network, not the host's network or PID namespace.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: validateResourceOfType(docker.Container, (container, _args, reportViolation) => {
    if (container.networkMode === "host") {
      reportViolation("The container uses the host network; attach it to the stack's Docker network instead.");
    }
    if (container.pidMode === "host") reportViolation("The container shares the host's PID namespace.");
  }),
};
