import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { componentType } from "../components/types.js";

/** The private bridge network joining Caddy and the runtime; nothing else is attached. */
export class DockerNetwork extends pulumi.ComponentResource {
  public readonly networkName: pulumi.Output<string>;

  constructor(name: string, args: { labels?: Record<string, string> }, opts?: pulumi.ComponentResourceOptions) {
    super(componentType("docker", "Network"), name, {}, opts);
    const network = new docker.Network(
      name,
      {
        name,
        driver: "bridge",
        labels: dockerLabels(args.labels ?? {}),
      },
      { parent: this },
    );
    this.networkName = network.name;
    this.registerOutputs({ networkName: this.networkName });
  }
}

/**
 * The label that says what a container is for. The policy pack decides by it (not by names) which container
 * is the reverse proxy, the only one allowed to publish host ports.
 */
export const ROLE_LABEL = "org.stellarr.role";
export type ContainerRole = "proxy" | "runtime";

export function roleLabel(role: ContainerRole): { label: string; value: string } {
  return { label: ROLE_LABEL, value: role };
}

/** Docker takes no tags; labels carry the same information. */
export function dockerLabels(tags: Record<string, string>): { label: string; value: string }[] {
  return Object.keys(tags)
    .sort()
    .map((k) => ({ label: `org.stellarr.${k.toLowerCase()}`, value: tags[k]! }));
}
