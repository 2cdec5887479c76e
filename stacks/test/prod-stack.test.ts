/**
 * The AWS stack (Pulumi.prod.yaml) under mocks, with and without a custom domain and WAF (issue 14):
 * behaviours, origins, policies, OAC, the Function URL guard, IAM, DynamoDB, schedule and
 * deploy-time invocation, WAF, certificates, secrets and tags. Then the same checks on
 * deliberately broken copies of the graph.
 */
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTableInput } from "../../runtime/src/adapters/store/dynamodb/schema.js";
import { SECRET_VARIABLES } from "../components/runtime-env.js";
import type { Deployment } from "../components/types.js";
import type { AwsSecrets } from "../aws/secrets.js";
import { MANAGED_CACHING_DISABLED, ORIGIN_VERIFY_HEADER, SPA_ROUTING_FUNCTION } from "../aws/builders/cloudfront.js";
import { TABLE_ACTIONS } from "../aws/builders/iam.js";
import { buildScenario, TEST_DOMAIN, TEST_SECRETS, TEST_ZONE, type Scenario } from "../testing/graph.js";
import {
  T,
  awsViolations,
  bucketViolations,
  clone,
  distributionViolations,
  functionUrlViolations,
  iamViolations,
  lambdaEnvViolations,
  ofType,
  one,
  tableViolations,
} from "../testing/assertions.js";
import { DISTRIBUTION_DOMAIN, settle, valueOf, type RecordedResource } from "../testing/mocks.js";

/** Resource types that accept tags (stack-notes.md §8.7); everything of these types must be tagged. */
const TAGGABLE = [
  "aws:s3/bucket:Bucket",
  "aws:dynamodb/table:Table",
  "aws:lambda/function:Function",
  "aws:iam/role:Role",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:cloudwatch/eventRule:EventRule",
  "aws:secretsmanager/secret:Secret",
  "aws:cloudfront/distribution:Distribution",
  "aws:acm/certificate:Certificate",
  "aws:wafv2/webAcl:WebAcl",
  "aws:s3/bucketObjectv2:BucketObjectv2",
];

const policyDoc = (r: RecordedResource) => JSON.parse(r.inputs.policy as string) as { Statement: any[] };
const byId = (g: RecordedResource[], id: string) => g.find((r) => r.id === id);

describe.each<Scenario>(["prod", "prod-domain", "prod-waf", "prod-domain-waf"])("AWS stack: %s", (scenario) => {
  const withDomain = scenario.includes("domain");
  const withWaf = scenario.includes("waf");
  let graph: RecordedResource[];
  let deployment: Deployment;

  beforeAll(async () => {
    const built = await buildScenario(scenario);
    deployment = built.deployment;
    await valueOf(pulumi.output(deployment.outputs as Record<string, unknown>));
    await settle();
    graph = built.resources;
  });
  afterAll(async () => {
    await settle();
  });

  it("passes every graph check", () => {
    expect(awsViolations(graph)).toEqual([]);
  });

  it("is made of the AWS realisations of the shared components", () => {
    const components = [...new Set(graph.filter((r) => !r.custom).map((r) => r.type))].sort();
    expect(components).toEqual([
      "stellarr:aws:Api",
      "stellarr:aws:DataStore",
      "stellarr:aws:Function",
      "stellarr:aws:Secrets",
      "stellarr:aws:Site",
      "stellarr:aws:TrendingCache",
    ]);
    for (const r of graph.filter((x) => x.custom)) expect(r.parent, r.name).toBeDefined();
  });

  it("routes each path to the right origin with the right cache and origin-request policy", () => {
    const d = one(graph, T.distribution).inputs;
    const policy = (id: string) => byId(graph, id)!;
    const describeBehaviour = (b: any) => {
      const cache =
        b.cachePolicyId === MANAGED_CACHING_DISABLED
          ? "CachingDisabled"
          : policy(b.cachePolicyId).inputs.name.replace("stellarr-prod-", "");
      const orp = b.originRequestPolicyId ? policy(b.originRequestPolicyId).inputs.name.replace("stellarr-prod-", "") : null;
      return [b.pathPattern ?? "default", b.targetOriginId, cache, orp, b.viewerProtocolPolicy, (b.functionAssociations ?? []).length];
    };
    expect([...d.orderedCacheBehaviors.map(describeBehaviour), describeBehaviour(d.defaultCacheBehavior)]).toEqual([
      ["/trending-*.json", "trending", "trending", null, "redirect-to-https", 0],
      ["/api/*", "api", "api", "api", "https-only", 0],
      ["/list/*", "api", "feeds", "passthrough", "https-only", 0],
      ["/webhook/*", "api", "CachingDisabled", "passthrough", "https-only", 0],
      ["/sync/*", "api", "CachingDisabled", "passthrough", "https-only", 0],
      ["/config.json", "site", "static", null, "redirect-to-https", 0],
      ["default", "site", "static", null, "redirect-to-https", 1],
    ]);
    for (const b of [...d.orderedCacheBehaviors, d.defaultCacheBehavior]) {
      expect(b.compress).toBe(true);
      expect(byId(graph, b.responseHeadersPolicyId)?.type).toBe("aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy");
    }
    const api = d.orderedCacheBehaviors.find((b: any) => b.pathPattern === "/api/*");
    expect(api.allowedMethods).toEqual(expect.arrayContaining(["GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD"]));
    expect(d.orderedCacheBehaviors.find((b: any) => b.pathPattern === "/webhook/*").allowedMethods).toContain("POST");
    const fn = one(graph, "aws:cloudfront/function:Function");
    expect(d.defaultCacheBehavior.functionAssociations).toEqual([{ eventType: "viewer-request", functionArn: fn.state.arn }]);
    expect(fn.inputs).toMatchObject({ runtime: "cloudfront-js-2.0", publish: true, code: SPA_ROUTING_FUNCTION });
  });

  it("caches trending 1 h, feeds 5 min keyed by the query string, and never the API", () => {
    const policies = Object.fromEntries(
      ofType(graph, "aws:cloudfront/cachePolicy:CachePolicy").map((p) => [p.inputs.name.replace("stellarr-prod-", ""), p.inputs]),
    );
    expect(policies.trending).toMatchObject({ defaultTtl: 3600, maxTtl: 3600 });
    expect(policies.trending.parametersInCacheKeyAndForwardedToOrigin.queryStringsConfig.queryStringBehavior).toBe("none");
    expect(policies.feeds).toMatchObject({ defaultTtl: 300, maxTtl: 300 });
    expect(policies.feeds.parametersInCacheKeyAndForwardedToOrigin.queryStringsConfig.queryStringBehavior).toBe("all");
    expect(policies.api).toMatchObject({ minTtl: 0, defaultTtl: 0, maxTtl: 1 });
    expect(policies.api.parametersInCacheKeyAndForwardedToOrigin.headersConfig).toEqual({
      headerBehavior: "whitelist",
      headers: { items: ["Authorization"] },
    });
  });

  it("forwards exactly the listed headers to the API, never Host", () => {
    const orps = Object.fromEntries(
      ofType(graph, "aws:cloudfront/originRequestPolicy:OriginRequestPolicy").map((p) => [
        p.inputs.name.replace("stellarr-prod-", ""),
        p.inputs,
      ]),
    );
    expect(orps.api.headersConfig.headers.items.sort()).toEqual([
      "Accept-Language",
      "CloudFront-Viewer-Address",
      "Content-Type",
      "If-None-Match",
    ]);
    expect(orps.api.queryStringsConfig.queryStringBehavior).toBe("all");
    expect(orps.passthrough.headersConfig.headers.items.sort()).toEqual(["CloudFront-Viewer-Address", "Content-Type"]);
    for (const p of [
      ...ofType(graph, "aws:cloudfront/originRequestPolicy:OriginRequestPolicy"),
      ...ofType(graph, "aws:cloudfront/cachePolicy:CachePolicy"),
    ]) {
      const json = JSON.stringify(p.inputs).toLowerCase();
      expect(json).not.toContain('"host"');
      expect(json).not.toContain("allviewer");
      expect(p.inputs.headersConfig?.headerBehavior ?? "whitelist").not.toBe("allViewer");
    }
  });

  it("reaches both buckets through origin access control and the API through its Function URL with the origin-verify secret", async () => {
    const d = one(graph, T.distribution).inputs;
    const oac = one(graph, "aws:cloudfront/originAccessControl:OriginAccessControl");
    expect(oac.inputs).toMatchObject({ originAccessControlOriginType: "s3", signingBehavior: "always", signingProtocol: "sigv4" });
    const origins = Object.fromEntries(d.origins.map((o: any) => [o.originId, o]));
    for (const id of ["site", "trending"]) {
      expect(origins[id].originAccessControlId).toBe(oac.id);
      expect(origins[id].domainName).toMatch(/\.s3\.eu-west-1\.amazonaws\.com$/);
    }
    const url = one(graph, T.functionUrl);
    expect(origins.api.domainName).toBe(new URL(url.state.functionUrl).host);
    expect(origins.api.customOriginConfig).toMatchObject({ originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] });
    const secrets = deployment.secrets as AwsSecrets;
    const originVerify = await valueOf(secrets.originVerify);
    expect(origins.api.customHeaders).toEqual([{ name: ORIGIN_VERIFY_HEADER, value: originVerify }]);
    expect(originVerify).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(await pulumi.isSecret(secrets.originVerify)).toBe(true);
    // The distribution's inputs carry the secret: recorded as a secret input.
    expect(one(graph, T.distribution).secretInputs?.some((p) => p.startsWith("origins"))).toBe(true);
  });

  it("waits longer for the API origin than the API function may run", () => {
    const api = one(graph, T.distribution).inputs.origins.find((o: any) => o.originId === "api");
    const timeout = one(graph, T.lambda, "stellarr-api").inputs.timeout;
    expect(timeout).toBe(15);
    expect(api.customOriginConfig.originReadTimeout).toBe(timeout + 5);
  });

  it("serves HTTPS with HTTP/2 and 3, IPv6, no error rewriting, and the right certificate", () => {
    const d = one(graph, T.distribution).inputs;
    expect(d).toMatchObject({
      enabled: true,
      isIpv6Enabled: true,
      httpVersion: "http2and3",
      defaultRootObject: "index.html",
      priceClass: "PriceClass_100",
    });
    expect(d.customErrorResponses).toBeUndefined();
    if (withDomain) {
      const validation = one(graph, "aws:acm/certificateValidation:CertificateValidation");
      expect(d.aliases).toEqual([TEST_DOMAIN]);
      expect(d.viewerCertificate).toEqual({
        acmCertificateArn: validation.inputs.certificateArn,
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: "TLSv1.2_2021",
      });
      const cert = one(graph, "aws:acm/certificate:Certificate");
      expect(cert.inputs).toMatchObject({ domainName: TEST_DOMAIN, validationMethod: "DNS", region: "us-east-1" });
      const records = ofType(graph, "aws:route53/record:Record");
      expect(records.map((r) => [r.inputs.type, r.inputs.zoneId]).sort()).toEqual([
        ["A", TEST_ZONE],
        ["AAAA", TEST_ZONE],
        ["CNAME", TEST_ZONE],
      ]);
      for (const r of records.filter((x) => x.inputs.aliases))
        expect(r.inputs.aliases).toEqual([{ name: DISTRIBUTION_DOMAIN, zoneId: "Z2FDTNDATAQYW2", evaluateTargetHealth: false }]);
    } else {
      expect(d.aliases).toEqual([]);
      expect(d.viewerCertificate).toEqual({ cloudfrontDefaultCertificate: true });
      expect(ofType(graph, "aws:acm/certificate:Certificate")).toEqual([]);
      expect(ofType(graph, "aws:route53/record:Record")).toEqual([]);
    }
  });

  it("publishes the site URL, and the feed and webhook URLs as secrets", async () => {
    const site = withDomain ? `https://${TEST_DOMAIN}` : `https://${DISTRIBUTION_DOMAIN}`;
    expect(await valueOf(deployment.outputs.siteUrl)).toBe(site);
    for (const o of [deployment.outputs.feedUrls, deployment.outputs.webhookUrl, deployment.outputs.syncUrl] as pulumi.Output<unknown>[])
      expect(await pulumi.isSecret(o)).toBe(true);
    const feeds = await valueOf(deployment.outputs.feedUrls);
    const token = await valueOf(deployment.secrets.feedToken);
    expect(feeds).toEqual({
      radarr: `${site}/list/radarr?token=${token}`,
      radarrTmdb: `${site}/list/radarr/tmdb?token=${token}`,
      sonarr: `${site}/list/sonarr?token=${token}`,
    });
    expect(await valueOf(deployment.outputs.webhookUrl)).toBe(
      `${site}/webhook/plex?token=${await valueOf(deployment.secrets.webhookToken)}`,
    );
  });

  it("keeps both buckets private, encrypted, and readable only by this distribution", () => {
    expect(bucketViolations(graph)).toEqual([]);
    const dist = one(graph, T.distribution);
    const [site, trending] = [one(graph, T.bucket, "stellarr-site"), one(graph, T.bucket, "stellarr-trending")];
    const policyFor = (b: RecordedResource) => policyDoc(ofType(graph, T.bucketPolicy).find((p) => p.inputs.bucket === b.id)!);
    const allows = (b: RecordedResource) => policyFor(b).Statement.filter((s) => s.Effect === "Allow");
    expect(
      allows(site)
        .map((s) => s.Action)
        .flat(),
    ).toEqual(["s3:GetObject"]);
    expect(
      allows(trending)
        .map((s) => s.Action)
        .flat()
        .sort(),
    ).toEqual(["s3:GetObject", "s3:ListBucket"]);
    for (const b of [site, trending]) {
      for (const s of allows(b)) {
        expect(s.Principal).toEqual({ Service: "cloudfront.amazonaws.com" });
        expect(s.Condition).toEqual({ StringEquals: { "AWS:SourceArn": dist.state.arn } });
      }
      expect(policyFor(b).Statement.some((s) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false")).toBe(true);
    }
    expect(ofType(graph, "aws:s3/bucketVersioning:BucketVersioning").map((v) => v.inputs.bucket)).toEqual([site.id]);
    const lifecycle = one(graph, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration");
    expect(lifecycle.inputs.bucket).toBe(site.id);
    expect(lifecycle.inputs.rules[0].noncurrentVersionExpiration.noncurrentDays).toBeGreaterThan(0);
  });

  it("uploads the SPA with per-file types and cache headers, plus generated config.json and manifest", () => {
    const objects = Object.fromEntries(ofType(graph, "aws:s3/bucketObjectv2:BucketObjectv2").map((o) => [o.inputs.key, o.inputs]));
    expect(Object.keys(objects).sort()).toEqual([
      "assets/index-B4x9Qz1a.js",
      "assets/index-C7d2Kp0e.css",
      "config.json",
      "favicon.svg",
      "icons/icon-192.png",
      "index.html",
      "manifest.webmanifest",
      "sw.js",
    ]);
    expect(objects["index.html"]).toMatchObject({ contentType: "text/html; charset=utf-8", cacheControl: "no-cache" });
    expect(objects["sw.js"]).toMatchObject({ cacheControl: "no-cache" });
    expect(objects["assets/index-B4x9Qz1a.js"]).toMatchObject({
      contentType: "text/javascript; charset=utf-8",
      cacheControl: "public, max-age=31536000, immutable",
    });
    expect(objects["icons/icon-192.png"]).toMatchObject({ contentType: "image/png", cacheControl: "public, max-age=3600" });
    expect(JSON.parse(objects["config.json"].content)).toEqual({
      app_name: "Stellarr",
      locales: ["en", "es", "fr", "de"],
      catalogue: "tmdb",
      version: expect.any(String),
    });
    expect(JSON.parse(objects["manifest.webmanifest"].content)).toMatchObject({ name: "Stellarr", start_url: "/", display: "standalone" });
    expect(objects["manifest.webmanifest"].contentType).toBe("application/manifest+json; charset=utf-8");
  });

  it("runs the API on Node.js 22 arm64 behind a Function URL (auth NONE) with reserved concurrency", () => {
    expect(functionUrlViolations(graph)).toEqual([]);
    const api = one(graph, T.lambda, "stellarr-api").inputs;
    expect(api).toMatchObject({
      name: "stellarr-prod-api",
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      handler: "index.handler",
      reservedConcurrentExecutions: 10,
      memorySize: 512,
      timeout: 15,
    });
    expect(one(graph, T.functionUrl).inputs).toMatchObject({ functionName: "stellarr-prod-api", authorizationType: "NONE" });
    const perms = ofType(graph, "aws:lambda/permission:Permission").filter((p) => p.inputs.function === "stellarr-prod-api");
    expect(
      perms
        .map((p) => [p.inputs.action, p.inputs.principal, p.inputs.functionUrlAuthType ?? null, p.inputs.invokedViaFunctionUrl ?? null])
        .sort(),
    ).toEqual([
      ["lambda:InvokeFunction", "*", null, true],
      ["lambda:InvokeFunctionUrl", "*", "NONE", null],
    ]);
  });

  it("gives the API only non-secret environment variables", () => {
    expect(lambdaEnvViolations(graph)).toEqual([]);
    const secretArn = one(graph, "aws:secretsmanager/secret:Secret").state.arn;
    const env = one(graph, T.lambda, "stellarr-api").inputs.environment.variables;
    expect(env).toMatchObject({
      TABLE_NAME: one(graph, T.table).state.name,
      TRENDING_BUCKET: one(graph, T.bucket, "stellarr-trending").state.bucket,
      SECRET_ID: secretArn,
      TRUST_PROXY: "cloudfront",
    });
    // AWS_REGION is set by Lambda itself (and reserved).
    expect(env.AWS_REGION).toBeUndefined();
    for (const name of SECRET_VARIABLES) expect(env[name]).toBeUndefined();
  });

  it("gives each function its own least-privilege role", () => {
    expect(iamViolations(graph)).toEqual([]);
    const table = one(graph, T.table).state.arn;
    const secret = one(graph, "aws:secretsmanager/secret:Secret").state.arn;
    const trending = one(graph, T.bucket, "stellarr-trending").state.arn;
    // Each function's role, and the one inline policy attached to that role.
    const statements = (fn: string) => {
      const roleArn = one(graph, T.lambda, fn).inputs.role as string;
      const role = ofType(graph, T.role).find((r) => r.state.arn === roleArn)!;
      const policies = ofType(graph, T.rolePolicy).filter((p) => p.inputs.role === role.id);
      expect(policies).toHaveLength(1);
      return policyDoc(policies[0]!).Statement;
    };
    const api = statements("stellarr-api");
    expect(api.find((s) => s.Sid === "UseTable")).toMatchObject({ Action: [...TABLE_ACTIONS], Resource: [table, `${table}/index/*`] });
    expect(api.find((s) => s.Sid === "ReadAppSecret")).toMatchObject({ Action: ["secretsmanager:GetSecretValue"], Resource: [secret] });
    expect(api.flatMap((s) => s.Action)).not.toContain("dynamodb:Scan");
    expect(api.flatMap((s) => s.Action).some((a: string) => a.startsWith("s3:"))).toBe(false);
    const warmer = statements("stellarr-api-warmer");
    expect(warmer.find((s) => s.Sid === "WriteTrendingFiles")).toEqual({
      Sid: "WriteTrendingFiles",
      Effect: "Allow",
      Action: ["s3:PutObject"],
      Resource: [`${trending}/trending-*.json`],
    });
    const roles = ofType(graph, T.role);
    expect(roles).toHaveLength(2);
    for (const r of roles)
      expect(JSON.parse(r.inputs.assumeRolePolicy).Statement[0].Principal).toEqual({ Service: "lambda.amazonaws.com" });
    for (const lg of ofType(graph, "aws:cloudwatch/logGroup:LogGroup")) expect(lg.inputs.retentionInDays).toBe(14);
  });

  it("creates the DynamoDB table the store adapter designs: on-demand, TTL, PITR, SSE, deletion protection", () => {
    expect(tableViolations(graph)).toEqual([]);
    const t = one(graph, T.table).inputs;
    const design = createTableInput("x");
    expect(t.hashKey).toBe("pk");
    expect(t.rangeKey).toBe("sk");
    expect(t.attributes.map((a: any) => a.name).sort()).toEqual(design.AttributeDefinitions.map((a) => a.AttributeName).sort());
    expect(t.localSecondaryIndexes.map((i: any) => i.name)).toEqual(design.LocalSecondaryIndexes.map((i) => i.IndexName));
    expect(t.globalSecondaryIndexes).toEqual([
      {
        name: "gsi1",
        keySchemas: [
          { attributeName: "gsi1pk", keyType: "HASH" },
          { attributeName: "gsi1sk", keyType: "RANGE" },
        ],
        projectionType: "ALL",
      },
    ]);
    expect(t.ttl).toEqual({ attributeName: "expires_at", enabled: true });
    expect(t).toMatchObject({
      billingMode: "PAY_PER_REQUEST",
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: true,
    });
  });

  it("runs the warmer daily and once at deploy, after the secret it reads exists", () => {
    const rule = one(graph, "aws:cloudwatch/eventRule:EventRule");
    expect(rule.inputs.scheduleExpression).toBe("rate(1 day)");
    const warmer = one(graph, T.lambda, "stellarr-api-warmer");
    expect(warmer.inputs).toMatchObject({ runtime: "nodejs22.x", architectures: ["arm64"], name: "stellarr-prod-warmer" });
    expect(one(graph, "aws:cloudwatch/eventTarget:EventTarget").inputs).toMatchObject({
      rule: rule.state.name ?? rule.inputs.name ?? expect.anything(),
      arn: warmer.state.arn,
    });
    const permission = ofType(graph, "aws:lambda/permission:Permission").find((p) => p.inputs.principal === "events.amazonaws.com")!;
    expect(permission.inputs).toMatchObject({
      function: "stellarr-prod-warmer",
      action: "lambda:InvokeFunction",
      sourceArn: rule.state.arn,
    });
    const invocation = one(graph, "aws:lambda/invocation:Invocation");
    expect(invocation.inputs.functionName).toBe("stellarr-prod-warmer");
    const secretVersion = one(graph, "aws:secretsmanager/secretVersion:SecretVersion");
    expect(invocation.dependencies).toContain(secretVersion.urn);
  });

  it("stores every runtime secret in one Secrets Manager secret, as a Pulumi secret", async () => {
    const version = one(graph, "aws:secretsmanager/secretVersion:SecretVersion");
    expect(version.secretInputs).toContain("secretString");
    const payload = JSON.parse(version.inputs.secretString);
    expect(Object.keys(payload).sort()).toEqual(
      [
        "APP_SECRET_KEY",
        "BASE_URL",
        "FEED_TOKEN",
        "ORIGIN_VERIFY_SECRET",
        "PLEX_WEBHOOK_TOKEN",
        "PRESHARED_PASSWORD",
        "TMDB_API_KEY",
        "VAPID_PRIVATE_KEY",
        "VAPID_PUBLIC_KEY",
      ].sort(),
    );
    expect(payload.PRESHARED_PASSWORD).toBe(TEST_SECRETS.presharedPassword);
    expect(payload.BASE_URL).toBe(withDomain ? `https://${TEST_DOMAIN}` : `https://${DISTRIBUTION_DOMAIN}`);
    expect(payload.APP_SECRET_KEY).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(Buffer.from(payload.VAPID_PUBLIC_KEY, "base64url")).toHaveLength(65);
    expect(Buffer.from(payload.VAPID_PRIVATE_KEY, "base64url")).toHaveLength(32);
    const secrets = deployment.secrets as AwsSecrets;
    for (const o of [
      secrets.vapid,
      secrets.feedToken,
      secrets.webhookToken,
      secrets.originVerify,
      secrets.payload("https://x.example"),
    ] as pulumi.Output<unknown>[])
      expect(await pulumi.isSecret(o)).toBe(true);
    expect(one(graph, "aws:secretsmanager/secret:Secret").inputs.recoveryWindowInDays).toBe(7);
  });

  it(withWaf ? "attaches a WAF with the rate rules, managed rules and redacted logging" : "has no WAF", () => {
    const acls = ofType(graph, "aws:wafv2/webAcl:WebAcl");
    if (!withWaf) {
      expect(acls).toEqual([]);
      expect(one(graph, T.distribution).inputs.webAclId).toBeUndefined();
      return;
    }
    const acl = acls[0]!;
    expect(acls).toHaveLength(1);
    expect(one(graph, T.distribution).inputs.webAclId).toBe(acl.state.arn);
    expect(acl.inputs).toMatchObject({ scope: "CLOUDFRONT", region: "us-east-1", defaultAction: { allow: {} } });
    const rules = Object.fromEntries(acl.inputs.rules.map((r: any) => [r.name, r]));
    expect(rules["rate-limit-auth"].statement.rateBasedStatement).toMatchObject({ limit: 100, aggregateKeyType: "IP" });
    expect(rules["rate-limit-auth"].statement.rateBasedStatement.scopeDownStatement.byteMatchStatement).toMatchObject({
      searchString: "/api/auth/",
      positionalConstraint: "STARTS_WITH",
    });
    expect(rules["rate-limit-overall"].statement.rateBasedStatement).toMatchObject({ limit: 2000, aggregateKeyType: "IP" });
    expect(rules["rate-limit-overall"].statement.rateBasedStatement.scopeDownStatement).toBeUndefined();
    expect(rules.AWSManagedRulesCommonRuleSet.statement.managedRuleGroupStatement.ruleActionOverrides).toEqual([
      { name: "SizeRestrictions_BODY", actionToUse: { count: {} } },
    ]);
    expect(Object.keys(rules)).toEqual(
      expect.arrayContaining(["AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"]),
    );
    const logging = one(graph, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration");
    expect(logging.inputs.resourceArn).toBe(acl.state.arn);
    expect(logging.inputs.redactedFields).toEqual([{ queryString: {} }]);
    const logGroup = ofType(graph, "aws:cloudwatch/logGroup:LogGroup").find((l) => l.inputs.name.startsWith("aws-waf-logs-"))!;
    expect(logging.inputs.logDestinationConfigs).toEqual([logGroup.state.arn]);
    expect(logGroup.inputs.region).toBe("us-east-1");
  });

  it("tags every taggable resource", () => {
    for (const r of graph.filter((x) => TAGGABLE.includes(x.type))) {
      expect(r.inputs.tags, `${r.type} ${r.name}`).toMatchObject({ Project: "stellarr", Stack: "prod", ManagedBy: "pulumi" });
    }
  });
});

describe("the AWS stack with the longest API timeout", () => {
  afterAll(async () => {
    await settle();
  });
  it("gives CloudFront 60 s for a 55 s function", async () => {
    const built = await buildScenario("prod", undefined, { "stellarr:apiTimeoutSeconds": "55" });
    await valueOf(pulumi.output(built.deployment.outputs as Record<string, unknown>));
    await settle();
    const api = one(built.resources, T.distribution).inputs.origins.find((o: any) => o.originId === "api");
    expect(one(built.resources, T.lambda, "stellarr-api").inputs.timeout).toBe(55);
    expect(api.customOriginConfig.originReadTimeout).toBe(60);
  });
});

describe("the AWS assertion helpers catch a bad graph", () => {
  let graph: RecordedResource[];
  beforeAll(async () => {
    const built = await buildScenario("prod");
    await valueOf(pulumi.output(built.deployment.outputs as Record<string, unknown>));
    await settle();
    graph = built.resources;
  });
  afterAll(async () => {
    await settle();
  });

  it("flags a public bucket (public access block off, policy open to everyone)", () => {
    const g = clone(graph);
    ofType(g, T.pab).find((p) => p.name === "stellarr-site")!.inputs.blockPublicPolicy = false;
    const policy = ofType(g, T.bucketPolicy).find((p) => p.name === "stellarr-site")!;
    const doc = JSON.parse(policy.inputs.policy);
    doc.Statement.push({ Effect: "Allow", Principal: "*", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::x/*"] });
    policy.inputs.policy = JSON.stringify(doc);
    expect(bucketViolations(g)).toEqual(["stellarr-site: blockPublicPolicy is not true", "stellarr-site: allows any principal"]);
  });

  it("flags a CloudFront grant without the source-ARN condition, and a bucket without encryption", () => {
    const g = clone(graph);
    const policy = ofType(g, T.bucketPolicy).find((p) => p.name === "stellarr-site-trending")!;
    const doc = JSON.parse(policy.inputs.policy);
    delete doc.Statement[0].Condition;
    policy.inputs.policy = JSON.stringify(doc);
    const sse = ofType(g, T.sse).findIndex((s) => s.name === "stellarr-site");
    g.splice(g.indexOf(ofType(g, T.sse)[sse]!), 1);
    expect(bucketViolations(g)).toEqual([
      "stellarr-site: no default encryption",
      "stellarr-site-trending: CloudFront grant without a distribution source-ARN condition",
    ]);
  });

  it("flags a missing origin-verify header, and with it the unguarded Function URL", () => {
    const g = clone(graph);
    const api = one(g, T.distribution).inputs.origins.find((o: any) => o.originId === "api");
    api.customHeaders = [];
    expect(distributionViolations(g)).toEqual([`stellarr-site: origin api without the ${ORIGIN_VERIFY_HEADER} secret`]);
    expect(functionUrlViolations(g)).toEqual(["stellarr-api: public Function URL not guarded by the origin-verify header"]);
  });

  it("flags an S3 origin without OAC and distribution-wide error rewriting", () => {
    const g = clone(graph);
    const d = one(g, T.distribution).inputs;
    delete d.origins.find((o: any) => o.originId === "trending").originAccessControlId;
    d.customErrorResponses = [{ errorCode: 404, responseCode: 200, responsePagePath: "/index.html" }];
    expect(distributionViolations(g)).toEqual([
      "stellarr-site: S3 origin trending without origin access control",
      "stellarr-site: distribution-wide custom error responses rewrite API errors",
    ]);
  });

  it("flags a Function URL without reserved concurrency", () => {
    const g = clone(graph);
    delete one(g, T.lambda, "stellarr-api").inputs.reservedConcurrentExecutions;
    expect(functionUrlViolations(g)).toEqual(["stellarr-api: public Function URL without reserved concurrency"]);
  });

  it("flags a wildcard IAM action, an unscoped resource and a shared role", () => {
    const g = clone(graph);
    const rp = one(g, T.rolePolicy, "stellarr-api-warmer");
    const doc = JSON.parse(rp.inputs.policy);
    doc.Statement[0].Action = ["s3:*"];
    doc.Statement[1].Resource = ["*"];
    rp.inputs.policy = JSON.stringify(doc);
    one(g, T.lambda, "stellarr-api-warmer").inputs.role = one(g, T.lambda, "stellarr-api").inputs.role;
    expect(iamViolations(g)).toEqual([
      "stellarr-api-warmer: WriteTrendingFiles: wildcard action s3:*",
      "stellarr-api-warmer: UseTable: unscoped resource *",
      "functions share an execution role",
    ]);
  });

  it("flags a secret in a Lambda environment and an unprotected table", () => {
    const g = clone(graph);
    one(g, T.lambda, "stellarr-api").inputs.environment.variables.PRESHARED_PASSWORD = "x";
    const t = one(g, T.table).inputs;
    t.deletionProtectionEnabled = false;
    t.pointInTimeRecovery = { enabled: false };
    expect(lambdaEnvViolations(g)).toEqual(["stellarr-api: secret PRESHARED_PASSWORD in the environment"]);
    expect(tableViolations(g)).toEqual(["stellarr-data: no point-in-time recovery", "stellarr-data: no deletion protection"]);
    expect(tableViolations(g, true)).toEqual(["stellarr-data: no point-in-time recovery"]);
  });
});
