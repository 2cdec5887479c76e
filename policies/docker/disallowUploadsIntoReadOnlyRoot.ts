import * as docker from "@pulumi/docker";
import { validateResourceOfType, type ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, asString, type Props } from "../lib/values.js";

/**
 * The provider delivers `uploads` with one copy-to-container call per file after creating the container and
 * before starting it, extracting a tar archive at `/`. The Docker engine refuses every such copy into a container
 * whose root filesystem is read-only ("container rootfs is marked read-only"), even when the file's path lies on
 * a volume, because the extraction point `/` does not: `pulumi up` fails and the container never starts. Deliver
 * the file another way (an environment variable the command writes to a tmpfs, or a volume).
 */
export const disallowUploadsIntoReadOnlyRoot: ResourceValidationPolicy = {
  name: "docker-container-disallow-uploads-into-read-only-root",
  description: "Docker containers with a read-only root filesystem get no file uploads, which the Docker engine refuses.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: validateResourceOfType(docker.Container, (container, _args, reportViolation) => {
    if (container.readOnly !== true) return;
    for (const upload of asArray<Props>(container.uploads)) {
      reportViolation(
        `The container uploads ${asString(upload["file"]) ?? "a file"} although its root filesystem is read-only; the Docker engine refuses the copy ("container rootfs is marked read-only") and the container never starts. Pass the content in an environment variable the command writes to a tmpfs, or mount a volume.`,
      );
    }
  }),
};
