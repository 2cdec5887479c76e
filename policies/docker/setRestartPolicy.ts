import * as docker from "@pulumi/docker";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { asString, configWithDefaults } from "../lib/values.js";

interface Config {
  allowedPolicies: string[];
}
const DEFAULTS: Config = { allowedPolicies: ["unless-stopped", "always"] };

/**
 * A self-hosted service must come back by itself after a crash and after the host reboots. The provider's default
 * restart policy is `no`; `on-failure` restarts after a crash but not when the Docker daemon restarts. (CIS Docker
 * Benchmark 5.14 prefers a bounded `on-failure` against restart loops; a household service that must survive a
 * reboot needs `unless-stopped` or `always`, configurable as `allowedPolicies`.)
 */
export const setRestartPolicy: ResourceValidationPolicy = {
  name: "docker-container-set-restart-policy",
  description: "Docker containers set a restart policy that brings them back after a crash and a host reboot.",
  enforcementLevel: "mandatory",
  severity: "medium",
  configSchema: {
    properties: { allowedPolicies: { type: "array", items: { type: "string" }, default: DEFAULTS.allowedPolicies } },
  },
  validateResource: validateResourceOfType(docker.Container, (container, args, reportViolation) => {
    const { allowedPolicies } = configWithDefaults(DEFAULTS, () => args.getConfig<Partial<Config>>());
    const restart = asString(container.restart);
    const wanted = allowedPolicies.map((p) => `'${p}'`).join(" or ");
    if (restart === undefined) {
      reportViolation(`The container sets no restart policy, so it stays down after a crash or a host reboot; set restart to ${wanted}.`);
    } else if (!allowedPolicies.includes(restart)) {
      reportViolation(
        `The container's restart policy '${restart}' does not bring it back after a crash and a host reboot; set restart to ${wanted}.`,
      );
    }
  }),
};
