/**
 * The component interfaces. Each concern (secrets, data store, trending cache, API, site) has ONE
 * output shape here and two realisations: `aws/` and `docker/`. `index.ts` only chooses between
 * `deployAws` and `deployDocker`, which both return a `Deployment`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { AppSettings, StackSettings } from "../settings.js";

/** Pulumi type tokens of our components: `stellarr:<module>:<Name>`. */
export const componentType = (module: string, name: string): string => `stellarr:${module}:${name}`;

/** Secrets the runtime reads, and the tokens users paste into Radarr/Sonarr/Plex. */
export interface AppSecrets {
  /** Where the runtime finds its secrets: a Secrets Manager ARN, or `env` (container environment). */
  readonly source: pulumi.Output<string>;
  /** Always set (configured or generated); a Pulumi secret. */
  readonly feedToken: pulumi.Output<string>;
  /** Always set (configured or generated); a Pulumi secret. */
  readonly webhookToken: pulumi.Output<string>;
}

/** Where requests, library and sessions live. */
export interface DataStore {
  readonly engine: "dynamodb" | "sqlite";
  /** Table name, or the named volume holding the SQLite file. */
  readonly location: pulumi.Output<string>;
}

/** Where the daily warmer writes `trending-*.json`, served publicly at `/trending-*.json`. */
export interface TrendingCache {
  /** Bucket name, or the directory inside the data volume. */
  readonly location: pulumi.Output<string>;
}

/** The runtime serving `/api`, `/list`, `/webhook`, `/sync` (and, in Docker, everything else). */
export interface Api {
  /** The origin the public edge forwards to (Function URL or in-network container URL). */
  readonly originUrl: pulumi.Output<string>;
}

/** The public edge: CloudFront + S3, or Caddy. */
export interface Site {
  /** Public origin, e.g. `https://stellarr.example.com` (no trailing slash). */
  readonly url: pulumi.Output<string>;
}

export interface DeploymentOutputs {
  target: string;
  siteUrl: pulumi.Output<string>;
  /** Radarr's and Sonarr's instance-list URLs; no token in them (the feed token is their API key). */
  arrUrls: pulumi.Output<{ radarr: string; sonarr: string }>;
  /** Secret: they carry the feed token. */
  feedUrls: pulumi.Output<{ radarr: string; radarrTmdb: string; sonarr: string }>;
  /** Secret: it carries the webhook token. */
  webhookUrl: pulumi.Output<string>;
  /** Secret: it carries the webhook token. */
  syncUrl: pulumi.Output<string>;
  [extra: string]: unknown;
}

export interface Deployment {
  secrets: AppSecrets;
  dataStore: DataStore;
  trendingCache: TrendingCache;
  api: Api;
  site: Site;
  outputs: DeploymentOutputs;
}

export type Deploy = (settings: StackSettings) => Deployment;

/** Common args every component gets. */
export interface CommonArgs {
  readonly app: AppSettings;
  readonly tags: Record<string, string>;
}
