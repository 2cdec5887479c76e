import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { componentType, type TrendingCache } from "../components/types.js";
import { privateBucket } from "./private-bucket.js";

export interface AwsTrendingCacheArgs {
  readonly tags: Record<string, string>;
  readonly forceDestroy: boolean;
}

/**
 * The trending bucket: written by the warmer Lambda, read only by CloudFront (the site component
 * grants the distribution access once it exists). Files are regenerated daily: no versioning.
 */
export class AwsTrendingCache extends pulumi.ComponentResource implements TrendingCache {
  public readonly location: pulumi.Output<string>;
  public readonly bucket: aws.s3.Bucket;

  constructor(name: string, args: AwsTrendingCacheArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentType("aws", "TrendingCache"), name, {}, opts);
    this.bucket = privateBucket(name, { tags: args.tags, forceDestroy: args.forceDestroy }, this);
    this.location = this.bucket.bucket;
    this.registerOutputs({ location: this.location });
  }
}
