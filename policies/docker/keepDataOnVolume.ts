import * as docker from "@pulumi/docker";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { envOf, hasNamedVolumeAt, isProxy } from "../lib/docker.js";

const CADDY_DATA = "/data";

/**
 * The SQLite database and the generated secrets live in DATA_DIR; in a container's writable layer they vanish
 * with the next `pulumi up` that replaces it. So the runtime sets DATA_DIR to an absolute path backed by a
 * named volume (not a bind mount, which ties the stack to one host's file layout). The proxy (Caddy, by its role
 * label) keeps its certificates in /data, and losing them means re-issuing and hitting ACME rate limits.
 */
export const keepDataOnVolume: ResourceValidationPolicy = {
  name: "docker-container-keep-data-on-volume",
  description: "The runtime's DATA_DIR and Caddy's /data are named Docker volumes.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: validateResourceOfType(docker.Container, (container, _args, reportViolation) => {
    if (isProxy(container)) {
      if (!hasNamedVolumeAt(container, CADDY_DATA)) {
        reportViolation(`The proxy keeps its certificates (${CADDY_DATA}) outside a named volume; mount a docker.Volume there.`);
      }
      return;
    }
    const dataDir = envOf(container).get("DATA_DIR");
    if (!dataDir || !dataDir.startsWith("/")) {
      reportViolation("The container does not set DATA_DIR to an absolute path; set it and mount a docker.Volume there.");
    } else if (!hasNamedVolumeAt(container, dataDir)) {
      reportViolation(`The container keeps DATA_DIR (${dataDir}) outside a named volume; mount a docker.Volume there.`);
    }
  }),
};
