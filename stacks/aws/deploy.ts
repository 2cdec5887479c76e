/** The AWS topology (product.md §10), assembled from the AWS realisations. */
import { VERSION } from "../../runtime/src/config/parse.js";
import { endpointOutputs } from "../components/runtime-env.js";
import type { Deployment } from "../components/types.js";
import type { StackSettings } from "../settings.js";
import { AwsApi } from "./api.js";
import { AwsDataStore } from "./data-store.js";
import { AwsSecrets } from "./secrets.js";
import { AwsSite } from "./site.js";
import { AwsTrendingCache } from "./trending-cache.js";

export function deployAws(settings: StackSettings): Deployment {
  const a = settings.aws;
  if (!a) throw new Error("deployAws needs aws settings (stellarr:target aws)");
  const n = settings.name;
  const prefix = `${n}-${settings.tags.Stack}`;
  const tags = settings.tags;

  const secrets = new AwsSecrets(`${n}-secrets`, { app: settings.app, tags, forceDestroy: a.forceDestroy });
  const dataStore = new AwsDataStore(`${n}-data`, { tags, forceDestroy: a.forceDestroy });
  const trendingCache = new AwsTrendingCache(`${n}-trending`, { tags, forceDestroy: a.forceDestroy });
  const api = new AwsApi(`${n}-api`, {
    app: settings.app,
    tags,
    prefix,
    apiBundle: settings.paths.apiBundle,
    warmerBundle: settings.paths.warmerBundle,
    memoryMb: a.apiMemoryMb,
    timeoutSeconds: a.apiTimeoutSeconds,
    reservedConcurrency: a.reservedConcurrency,
    logRetentionDays: a.logRetentionDays,
    tableName: dataStore.location,
    tableArn: dataStore.tableArn,
    trendingBucket: trendingCache.bucket.bucket,
    trendingBucketArn: trendingCache.bucket.arn,
    secretArn: secrets.secretArn,
  });
  const site = new AwsSite(`${n}-site`, {
    app: settings.app,
    tags,
    prefix,
    version: VERSION,
    uiDist: settings.paths.uiDist,
    forceDestroy: a.forceDestroy,
    domain: a.domain,
    hostedZoneId: a.hostedZoneId,
    enableWaf: a.enableWaf,
    wafRateLimit: a.wafRateLimit,
    wafAuthRateLimit: a.wafAuthRateLimit,
    logRetentionDays: a.logRetentionDays,
    priceClass: a.priceClass,
    apiTimeoutSeconds: a.apiTimeoutSeconds,
    apiOriginUrl: api.originUrl,
    originVerify: secrets.originVerify,
    trendingBucket: {
      id: trendingCache.bucket.id,
      arn: trendingCache.bucket.arn,
      regionalDomainName: trendingCache.bucket.bucketRegionalDomainName,
    },
  });
  // The secret carries BASE_URL, known now; the first warm-up waits for it.
  const secretVersion = secrets.publish(site.url);
  api.warmOnDeploy([secretVersion]);

  return {
    secrets,
    dataStore,
    trendingCache,
    api,
    site,
    outputs: {
      target: "aws",
      ...endpointOutputs(site.url, secrets),
      distributionId: site.distribution.id,
      siteBucket: site.siteBucket.bucket,
      trendingBucket: trendingCache.location,
      tableName: dataStore.location,
      apiFunction: api.apiFunction.function.name,
      warmerFunction: api.warmerFunction.function.name,
      secretArn: secrets.secretArn,
    },
  };
}
