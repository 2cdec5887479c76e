/**
 * The Pulumi program (`Pulumi.yaml` → `main: stacks/`). Reads the `stellarr:` config, picks the
 * target and exports the deployment's outputs. Nothing provider-specific lives here: the choice
 * loads either the AWS or the Docker realisation (lazily, so a local stack never loads @pulumi/aws).
 */
import * as pulumi from "@pulumi/pulumi";
import type { Deploy } from "./components/types.js";
import { NAMESPACE, parseSettings } from "./settings.js";

export default async function stellarr(): Promise<Record<string, unknown>> {
  const settings = parseSettings(new pulumi.Config(NAMESPACE), { stack: pulumi.getStack() });
  const deploy: Deploy =
    settings.target === "aws" ? (await import("./aws/deploy.js")).deployAws : (await import("./docker/deploy.js")).deployDocker;
  return deploy(settings).outputs;
}
