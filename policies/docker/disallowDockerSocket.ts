import * as docker from "@pulumi/docker";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { hostPaths } from "../lib/docker.js";

const SOCKETS = new Set(["/var/run/docker.sock", "/run/docker.sock"]);

/**
 * Whoever can talk to the Docker socket can start a privileged container, i.e. is root on the host.
 * @frameworks CIS Docker Benchmark 5.31
 */
export const disallowDockerSocket: ResourceValidationPolicy = {
  name: "docker-container-disallow-docker-socket",
  description: "Docker containers do not mount the Docker socket.",
  enforcementLevel: "mandatory",
  severity: "critical",
  validateResource: validateResourceOfType(docker.Container, (container, _args, reportViolation) => {
    if (hostPaths(container).some((p) => SOCKETS.has(p))) {
      reportViolation("The container mounts the Docker socket, which grants root on the host.");
    }
  }),
};
