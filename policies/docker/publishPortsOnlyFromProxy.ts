import * as docker from "@pulumi/docker";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { isProxy, ROLE_LABEL } from "../lib/docker.js";
import { asArray, type Props } from "../lib/values.js";

/**
 * Only the proxy — the container labelled `org.stellarr.role=proxy` — terminates TLS and sets the forwarded headers the runtime trusts (`TRUST_PROXY=x-forwarded-for:1`);
 * a published runtime port would let anyone on the LAN skip HTTPS and forge their address.
 */
export const publishPortsOnlyFromProxy: ResourceValidationPolicy = {
  name: "docker-container-publish-ports-only-from-proxy",
  description: "Only the reverse proxy container publishes ports on the host.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: validateResourceOfType(docker.Container, (container, args, reportViolation) => {
    if (isProxy(container)) args.notApplicable("The proxy is the container that publishes ports.");
    const ports = asArray<Props>(container.ports).map((p) => p["external"] ?? p["internal"]);
    if (ports.length > 0) {
      reportViolation(
        `The container publishes ports (${ports.join(", ")}) although only the reverse proxy (label ${ROLE_LABEL}=proxy) may; reach it through the proxy on the Docker network.`,
      );
    }
    if (container.publishAllPorts === true) {
      reportViolation(`The container publishes all its exposed ports although only the reverse proxy (label ${ROLE_LABEL}=proxy) may.`);
    }
  }),
};
