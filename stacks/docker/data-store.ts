import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { componentType, type DataStore } from "../components/types.js";
import { dockerLabels } from "./network.js";

export interface DockerDataStoreArgs {
  readonly tags: Record<string, string>;
}

/**
 * The SQLite shape: a named volume mounted at `DATA_DIR` (/data). It also holds the generated
 * secrets and the trending files, so it survives container replacement; `pulumi destroy` removes it.
 */
export class DockerDataStore extends pulumi.ComponentResource implements DataStore {
  public readonly engine = "sqlite" as const;
  public readonly location: pulumi.Output<string>;

  constructor(name: string, args: DockerDataStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentType("docker", "DataStore"), name, {}, opts);
    const volume = new docker.Volume(name, { name, labels: dockerLabels(args.tags) }, { parent: this });
    this.location = volume.name;
    this.registerOutputs({ engine: this.engine, location: this.location });
  }
}
