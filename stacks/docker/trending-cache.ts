import * as pulumi from "@pulumi/pulumi";
import { componentType, type TrendingCache } from "../components/types.js";

/** Where the in-process warmer writes trending files: a directory of the data volume. */
export const TRENDING_DIR = "/data/trending";

/**
 * The embedded warmer writes `DATA_DIR/trending/` and the runtime serves it (product.md §8), so the
 * Docker realisation needs no resource of its own: it names the place, on the data store's volume.
 */
export class DockerTrendingCache extends pulumi.ComponentResource implements TrendingCache {
  public readonly location: pulumi.Output<string>;

  constructor(name: string, args: { readonly volume: pulumi.Input<string> }, opts?: pulumi.ComponentResourceOptions) {
    super(componentType("docker", "TrendingCache"), name, {}, opts);
    this.location = pulumi.interpolate`${args.volume}:${TRENDING_DIR}`;
    this.registerOutputs({ location: this.location });
  }
}
