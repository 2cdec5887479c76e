import { existsSync } from "node:fs";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { componentType, type Site } from "../components/types.js";
import type { AppSettings } from "../settings.js";
import {
  apiOriginReadTimeout,
  BEHAVIOURS,
  CACHE_POLICIES,
  DEFAULT_BEHAVIOUR,
  MANAGED_CACHING_DISABLED,
  ORIGIN_REQUEST_POLICIES,
  ORIGIN_VERIFY_HEADER,
  SECURITY_HEADERS,
  SPA_ROUTING_FUNCTION,
  type BehaviourSpec,
  type CachePolicyKey,
  type OriginId,
  type OriginRequestPolicyKey,
} from "./builders/cloudfront.js";
import { distributionReadPolicy } from "./builders/iam.js";
import { listSiteFiles, manifestJson, siteConfigJson } from "./builders/site-files.js";
import { WAF_LOGGING, wafRules } from "./builders/waf.js";
import { privateBucket } from "./private-bucket.js";

/** CloudFront certificates and web ACLs live in us-east-1 whatever the stack's region. */
export const GLOBAL_REGION = "us-east-1";

export interface AwsSiteArgs {
  readonly app: AppSettings;
  readonly tags: Record<string, string>;
  /** Physical name prefix, e.g. `stellarr-prod`. */
  readonly prefix: string;
  readonly version: string;
  readonly uiDist: string;
  readonly forceDestroy: boolean;
  readonly domain: string | undefined;
  readonly hostedZoneId: string | undefined;
  readonly enableWaf: boolean;
  readonly wafRateLimit: number;
  readonly wafAuthRateLimit: number;
  readonly logRetentionDays: number;
  readonly priceClass: string;
  /** The API function's timeout: CloudFront waits a little longer for the API origin. */
  readonly apiTimeoutSeconds: number;
  /** The API's Function URL and the secret CloudFront sends it. */
  readonly apiOriginUrl: pulumi.Input<string>;
  readonly originVerify: pulumi.Input<string>;
  readonly trendingBucket: { id: pulumi.Input<string>; arn: pulumi.Input<string>; regionalDomainName: pulumi.Input<string> };
}

/** `https://abc.lambda-url.eu-west-1.on.aws/` → `abc.lambda-url.eu-west-1.on.aws`. */
export const hostOf = (url: string): string => new URL(url).host;

/**
 * The public edge on AWS: the private SPA bucket (uploaded from ui/dist), one CloudFront
 * distribution in front of it, the trending bucket and the API Function URL, its policies and SPA
 * routing function, the certificate and DNS records for a custom domain, and the optional WAF.
 */
export class AwsSite extends pulumi.ComponentResource implements Site {
  public readonly url: pulumi.Output<string>;
  public readonly distribution: aws.cloudfront.Distribution;
  public readonly siteBucket: aws.s3.Bucket;
  private readonly name: string;
  private readonly args: AwsSiteArgs;

  constructor(name: string, args: AwsSiteArgs, opts?: pulumi.ComponentResourceOptions) {
    super(componentType("aws", "Site"), name, {}, opts);
    this.name = name;
    this.args = args;
    if (!existsSync(path.join(args.uiDist, "index.html"))) {
      throw new Error(`${path.join(args.uiDist, "index.html")} is missing: build the UI first (npm run build -w ui)`);
    }

    this.siteBucket = privateBucket(name, { tags: args.tags, forceDestroy: args.forceDestroy, noncurrentVersionDays: 30 }, this);
    this.provisionUpload();
    const certificateArn = args.domain !== undefined ? this.provisionCertificate(args.domain, args.hostedZoneId!) : undefined;
    const webAclArn = args.enableWaf ? this.provisionWaf() : undefined;
    this.distribution = this.provisionDistribution(certificateArn, webAclArn);
    this.provisionBucketPolicies();
    if (args.domain !== undefined) this.provisionDns(args.domain, args.hostedZoneId!);

    this.url =
      args.domain !== undefined ? pulumi.output(`https://${args.domain}`) : pulumi.interpolate`https://${this.distribution.domainName}`;
    this.registerOutputs({ url: this.url, distributionId: this.distribution.id, siteBucket: this.siteBucket.bucket });
  }

  private provisionUpload(): void {
    const { args, name } = this;
    const object = (key: string, props: { source?: pulumi.asset.Asset; content?: string; contentType: string; cacheControl: string }) =>
      new aws.s3.BucketObjectv2(`${name}-${key}`, { bucket: this.siteBucket.id, key, ...props, tags: args.tags }, { parent: this });
    for (const file of listSiteFiles(args.uiDist)) {
      if (file.key === "config.json" || file.key === "manifest.webmanifest") continue;
      object(file.key, { source: new pulumi.asset.FileAsset(file.source), contentType: file.contentType, cacheControl: file.cacheControl });
    }
    object("config.json", {
      content: siteConfigJson({ appName: args.app.appName, locales: args.app.trendingLocales, version: args.version }),
      contentType: "application/json; charset=utf-8",
      cacheControl: "no-cache",
    });
    object("manifest.webmanifest", {
      content: manifestJson(args.app.appName),
      contentType: "application/manifest+json; charset=utf-8",
      cacheControl: "no-cache",
    });
  }

  private provisionCertificate(domain: string, zoneId: string): pulumi.Output<string> {
    const { name, args } = this;
    const cert = new aws.acm.Certificate(
      name,
      { domainName: domain, validationMethod: "DNS", keyAlgorithm: "EC_prime256v1", region: GLOBAL_REGION, tags: args.tags },
      { parent: this },
    );
    const option = cert.domainValidationOptions.apply((o) => {
      if (!o[0]) throw new Error("ACM returned no DNS validation option");
      return o[0];
    });
    const record = new aws.route53.Record(
      `${name}-cert-validation`,
      {
        zoneId,
        name: option.resourceRecordName,
        type: option.resourceRecordType,
        records: [option.resourceRecordValue],
        ttl: 60,
        allowOverwrite: true,
      },
      { parent: this },
    );
    const validation = new aws.acm.CertificateValidation(
      name,
      { certificateArn: cert.arn, validationRecordFqdns: [record.fqdn], region: GLOBAL_REGION },
      { parent: this },
    );
    return validation.certificateArn;
  }

  private provisionWaf(): pulumi.Output<string> {
    const { name, args } = this;
    const acl = new aws.wafv2.WebAcl(
      name,
      {
        name: `${args.prefix}-web`,
        description: "Stellarr: rate limits and AWS managed rules in front of CloudFront",
        scope: "CLOUDFRONT",
        region: GLOBAL_REGION,
        defaultAction: { allow: {} },
        rules: wafRules({ prefix: args.prefix, rateLimit: args.wafRateLimit, authRateLimit: args.wafAuthRateLimit }),
        visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: `${args.prefix}-web`, sampledRequestsEnabled: true },
        tags: args.tags,
      },
      { parent: this },
    );
    // WAF only logs to groups named aws-waf-logs-*, in the ACL's region.
    const logs = new aws.cloudwatch.LogGroup(
      `${name}-waf`,
      { name: `aws-waf-logs-${args.prefix}`, retentionInDays: args.logRetentionDays, region: GLOBAL_REGION, tags: args.tags },
      { parent: this },
    );
    new aws.wafv2.WebAclLoggingConfiguration(
      name,
      { resourceArn: acl.arn, logDestinationConfigs: [logs.arn], region: GLOBAL_REGION, ...WAF_LOGGING },
      { parent: this },
    );
    return acl.arn;
  }

  private provisionDistribution(
    certificateArn: pulumi.Output<string> | undefined,
    webAclArn: pulumi.Output<string> | undefined,
  ): aws.cloudfront.Distribution {
    const { name, args } = this;
    const oac = new aws.cloudfront.OriginAccessControl(
      name,
      {
        name: `${args.prefix}-s3`,
        description: "Stellarr buckets, signed by CloudFront",
        originAccessControlOriginType: "s3",
        signingBehavior: "always",
        signingProtocol: "sigv4",
      },
      { parent: this },
    );
    const cachePolicyIds = {} as Record<CachePolicyKey, pulumi.Input<string>>;
    cachePolicyIds.disabled = MANAGED_CACHING_DISABLED;
    for (const [key, spec] of Object.entries(CACHE_POLICIES) as [
      Exclude<CachePolicyKey, "disabled">,
      (typeof CACHE_POLICIES)[keyof typeof CACHE_POLICIES],
    ][]) {
      cachePolicyIds[key] = new aws.cloudfront.CachePolicy(
        `${name}-${key}`,
        {
          name: `${args.prefix}-${key}`,
          comment: spec.comment,
          minTtl: spec.minTtl,
          defaultTtl: spec.defaultTtl,
          maxTtl: spec.maxTtl,
          parametersInCacheKeyAndForwardedToOrigin: {
            enableAcceptEncodingGzip: true,
            enableAcceptEncodingBrotli: true,
            cookiesConfig: { cookieBehavior: "none" },
            headersConfig:
              spec.headers.length > 0 ? { headerBehavior: "whitelist", headers: { items: spec.headers } } : { headerBehavior: "none" },
            queryStringsConfig: { queryStringBehavior: spec.queryStrings },
          },
        },
        { parent: this },
      ).id;
    }
    const originRequestPolicyIds = {} as Record<OriginRequestPolicyKey, pulumi.Input<string>>;
    for (const [key, spec] of Object.entries(ORIGIN_REQUEST_POLICIES) as [
      OriginRequestPolicyKey,
      (typeof ORIGIN_REQUEST_POLICIES)[OriginRequestPolicyKey],
    ][]) {
      originRequestPolicyIds[key] = new aws.cloudfront.OriginRequestPolicy(
        `${name}-${key}`,
        {
          name: `${args.prefix}-${key}`,
          comment: spec.comment,
          cookiesConfig: { cookieBehavior: "none" },
          headersConfig: { headerBehavior: "whitelist", headers: { items: spec.headers } },
          queryStringsConfig: { queryStringBehavior: spec.queryStrings },
        },
        { parent: this },
      ).id;
    }
    const headersPolicy = new aws.cloudfront.ResponseHeadersPolicy(
      name,
      { name: `${args.prefix}-security`, comment: "Security headers (product.md §4)", securityHeadersConfig: SECURITY_HEADERS },
      { parent: this },
    );
    const spa = new aws.cloudfront.Function(
      `${name}-spa`,
      {
        name: `${args.prefix}-spa-routing`,
        runtime: "cloudfront-js-2.0",
        comment: "SPA routes → /index.html; files and API paths untouched",
        code: SPA_ROUTING_FUNCTION,
        publish: true,
      },
      { parent: this },
    );

    const behaviour = (spec: Omit<BehaviourSpec, "pathPattern">) => ({
      targetOriginId: spec.origin,
      viewerProtocolPolicy: spec.viewerProtocolPolicy,
      allowedMethods: spec.allowedMethods,
      cachedMethods: spec.cachedMethods,
      compress: true,
      cachePolicyId: cachePolicyIds[spec.cachePolicy],
      ...(spec.originRequestPolicy ? { originRequestPolicyId: originRequestPolicyIds[spec.originRequestPolicy] } : {}),
      responseHeadersPolicyId: headersPolicy.id,
      ...(spec.spaRouting ? { functionAssociations: [{ eventType: "viewer-request", functionArn: spa.arn }] } : {}),
    });
    const s3Origin = (id: OriginId, domainName: pulumi.Input<string>) => ({
      originId: id,
      domainName,
      originAccessControlId: oac.id,
      s3OriginConfig: { originAccessIdentity: "" },
    });

    return new aws.cloudfront.Distribution(
      name,
      {
        enabled: true,
        comment: `Stellarr ${args.prefix}`,
        isIpv6Enabled: true,
        httpVersion: "http2and3",
        priceClass: args.priceClass,
        defaultRootObject: "index.html",
        aliases: args.domain !== undefined ? [args.domain] : [],
        origins: [
          s3Origin("site", this.siteBucket.bucketRegionalDomainName),
          s3Origin("trending", args.trendingBucket.regionalDomainName),
          {
            originId: "api",
            domainName: pulumi.output(args.apiOriginUrl).apply(hostOf),
            customOriginConfig: {
              httpPort: 80,
              httpsPort: 443,
              originProtocolPolicy: "https-only",
              originSslProtocols: ["TLSv1.2"],
              // Longer than the function's timeout, so the runtime's (or Lambda's) answer always arrives.
              originReadTimeout: apiOriginReadTimeout(args.apiTimeoutSeconds),
            },
            customHeaders: [{ name: ORIGIN_VERIFY_HEADER, value: args.originVerify }],
          },
        ],
        defaultCacheBehavior: behaviour(DEFAULT_BEHAVIOUR),
        orderedCacheBehaviors: BEHAVIOURS.map((b) => ({ pathPattern: b.pathPattern, ...behaviour(b) })),
        // No customErrorResponses: a distribution-wide 404→index.html would rewrite API errors.
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate:
          certificateArn !== undefined
            ? { acmCertificateArn: certificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" }
            : { cloudfrontDefaultCertificate: true },
        ...(webAclArn !== undefined ? { webAclId: webAclArn } : {}),
        tags: args.tags,
      },
      { parent: this },
    );
  }

  private provisionBucketPolicies(): void {
    const { name, args } = this;
    const dist = this.distribution.arn;
    new aws.s3.BucketPolicy(
      name,
      {
        bucket: this.siteBucket.id,
        policy: pulumi
          .all([this.siteBucket.arn, dist])
          .apply(([bucketArn, distributionArn]) => JSON.stringify(distributionReadPolicy({ bucketArn, distributionArn, list: false }))),
      },
      { parent: this },
    );
    new aws.s3.BucketPolicy(
      `${name}-trending`,
      {
        bucket: args.trendingBucket.id,
        // ListBucket: a trending file that does not exist yet is a 404, not a 403.
        policy: pulumi
          .all([args.trendingBucket.arn, dist])
          .apply(([bucketArn, distributionArn]) => JSON.stringify(distributionReadPolicy({ bucketArn, distributionArn, list: true }))),
      },
      { parent: this },
    );
  }

  private provisionDns(domain: string, zoneId: string): void {
    const { name } = this;
    for (const type of ["A", "AAAA"] as const) {
      new aws.route53.Record(
        `${name}-${type.toLowerCase()}`,
        {
          zoneId,
          name: domain,
          type,
          aliases: [{ name: this.distribution.domainName, zoneId: this.distribution.hostedZoneId, evaluateTargetHealth: false }],
        },
        { parent: this },
      );
    }
  }
}
