/** Pure builders, tested without mocks: IAM, CloudFront function and policies, WAF, VAPID, SPA files, table shape, env maps. */
import { generateKeyPairSync, createPublicKey, createPrivateKey, sign, verify } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { createTableInput } from "../../runtime/src/adapters/store/dynamodb/schema.js";
import { SECRET_VARIABLES as RUNTIME_SECRET_VARIABLES } from "../../runtime/src/config/aws.js";
import { securityHeaders } from "../../runtime/src/http/security-headers.js";
import {
  apiOriginReadTimeout,
  BEHAVIOURS,
  CACHE_POLICIES,
  CONTENT_SECURITY_POLICY,
  ORIGIN_REQUEST_POLICIES,
  SPA_ROUTING_FUNCTION,
} from "../aws/builders/cloudfront.js";
import { tableShape } from "../aws/builders/dynamodb.js";
import { apiPolicy, distributionReadPolicy, policyProblems, warmerPolicy } from "../aws/builders/iam.js";
import { cacheControlOf, contentTypeOf, listSiteFiles, manifestJson, siteConfigJson } from "../aws/builders/site-files.js";
import { secretPayload } from "../aws/builders/secret-payload.js";
import { vapidFromPem } from "../aws/builders/vapid.js";
import { WAF_LOGGING, wafRules } from "../aws/builders/waf.js";
import { apiEnvironment } from "../aws/api.js";
import { SECRET_VARIABLES, publicUrls, runtimeEnv, toEnvList } from "../components/runtime-env.js";
import { runtimeContainerEnv } from "../docker/api.js";
import { dockerSiteUrl } from "../docker/site.js";
import type { AppSettings } from "../settings.js";

const app: AppSettings = {
  appName: "Media",
  trendingLocales: ["en", "pt-BR"],
  logLevel: "warn",
  plexServerName: "Home",
  rateLimitMaxAttempts: 3,
  rateLimitWindowSeconds: undefined,
  apiRateLimitPerMinute: 0,
  secrets: {
    presharedPassword: undefined,
    tmdbApiKey: undefined,
    tvdbApiKey: undefined,
    feedToken: undefined,
    plexWebhookToken: undefined,
  },
};

describe("SPA routing CloudFront Function", () => {
  const run = (uri: string): string => {
    const sandbox: { result?: { uri: string } } = {};
    runInNewContext(`${SPA_ROUTING_FUNCTION}\nresult = handler({ request: { uri: ${JSON.stringify(uri)}, headers: {} } });`, sandbox);
    return sandbox.result!.uri;
  };
  it.each([
    ["/", "/index.html"],
    ["/requests", "/index.html"],
    ["/requests/movie", "/index.html"],
    ["/login/", "/index.html"],
  ])("rewrites the SPA route %s to %s", (uri, expected) => expect(run(uri)).toBe(expected));
  it.each(["/assets/index-abc.js", "/sw.js", "/config.json", "/manifest.webmanifest", "/icons/icon-192.png", "/trending-all-en.json"])(
    "leaves the file %s alone",
    (uri) => expect(run(uri)).toBe(uri),
  );
  it.each(["/api", "/api/health", "/api/nope", "/list/radarr", "/webhook/plex", "/sync/library", "/list"])(
    "leaves the runtime path %s alone (its errors are never rewritten)",
    (uri) => expect(run(uri)).toBe(uri),
  );
  it("uses only ES5 syntax (cloudfront-js-2.0 is not a full Node runtime)", () => {
    expect(SPA_ROUTING_FUNCTION).not.toMatch(/=>|\bconst\b|\blet\b|`/);
  });
});

describe("CloudFront policies", () => {
  it("lists the behaviours product.md §10 names, API ones https-only", () => {
    expect(BEHAVIOURS.map((b) => [b.pathPattern, b.origin])).toEqual([
      ["/trending-*.json", "trending"],
      ["/api/*", "api"],
      ["/list/*", "api"],
      ["/webhook/*", "api"],
      ["/sync/*", "api"],
      ["/config.json", "site"],
    ]);
    for (const b of BEHAVIOURS.filter((x) => x.origin === "api")) expect(b.viewerProtocolPolicy).toBe("https-only");
  });
  it("never forwards Host, and forwards Authorization only through the API cache key", () => {
    const all = [
      ...Object.values(CACHE_POLICIES).flatMap((p) => p.headers),
      ...Object.values(ORIGIN_REQUEST_POLICIES).flatMap((p) => p.headers),
    ].map((h) => h.toLowerCase());
    expect(all).not.toContain("host");
    expect(CACHE_POLICIES.api.headers).toEqual(["Authorization"]);
    // A cache policy with headers in its key needs max TTL > 0 (CloudFront rejects it otherwise).
    for (const p of Object.values(CACHE_POLICIES)) if (p.headers.length > 0) expect(p.maxTtl).toBeGreaterThan(0);
  });
  it("sends the same CSP as the runtime does on HTML", () => {
    expect(securityHeaders({ baseUrl: null }, "text/html; charset=utf-8")["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe("IAM documents", () => {
  const arns = {
    tableArn: "arn:aws:dynamodb:eu-west-1:1:table/t",
    secretArn: "arn:aws:secretsmanager:eu-west-1:1:secret:s-AbC",
    logGroupArn: "arn:aws:logs:eu-west-1:1:log-group:/aws/lambda/f",
    trendingBucketArn: "arn:aws:s3:::trend",
  };
  it("are free of wildcards and scoped", () => {
    expect(policyProblems(apiPolicy(arns))).toEqual([]);
    expect(policyProblems(warmerPolicy(arns))).toEqual([]);
    expect(
      policyProblems(
        distributionReadPolicy({ bucketArn: "arn:aws:s3:::b", distributionArn: "arn:aws:cloudfront::1:distribution/E1", list: true }),
      ),
    ).toEqual([]);
  });
  it("policyProblems catches wildcard actions and unscoped resources", () => {
    const doc = apiPolicy(arns);
    doc.Statement[0]!.Action = ["dynamodb:*"];
    doc.Statement[1]!.Resource = ["*"];
    doc.Statement[2]!.Action = ["*"];
    expect(policyProblems(doc)).toEqual([
      "UseTable: wildcard action dynamodb:*",
      "ReadAppSecret: unscoped resource *",
      "WriteOwnLogs: wildcard action *",
    ]);
  });
  it("grants list on a bucket only when asked (trending: a missing file is a 404)", () => {
    const without = distributionReadPolicy({ bucketArn: "arn:aws:s3:::b", distributionArn: "d", list: false });
    const withList = distributionReadPolicy({ bucketArn: "arn:aws:s3:::b", distributionArn: "d", list: true });
    expect(without.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => s.Action)).toEqual(["s3:GetObject"]);
    expect(withList.Statement.find((s) => s.Sid === "CloudFrontListBucket")).toEqual({
      Sid: "CloudFrontListBucket",
      Effect: "Allow",
      Principal: { Service: "cloudfront.amazonaws.com" },
      Action: ["s3:ListBucket"],
      Resource: ["arn:aws:s3:::b"],
      Condition: { StringEquals: { "AWS:SourceArn": "d" } },
    });
  });
});

describe("WAF rules", () => {
  const rules = wafRules({ prefix: "p", rateLimit: 2000, authRateLimit: 100 });
  it("rate-limits /api/auth/* and everything, then applies managed rule groups", () => {
    expect(rules.map((r) => [r.priority, r.name])).toEqual([
      [1, "rate-limit-auth"],
      [2, "rate-limit-overall"],
      [3, "AWSManagedRulesCommonRuleSet"],
      [4, "AWSManagedRulesKnownBadInputsRuleSet"],
      [5, "AWSManagedRulesAmazonIpReputationList"],
    ]);
    expect(rules[0].statement.rateBasedStatement.limit).toBe(100);
    expect(rules[1].statement.rateBasedStatement.limit).toBe(2000);
    expect(rules[2].statement.managedRuleGroupStatement.ruleActionOverrides).toEqual([
      { name: "SizeRestrictions_BODY", actionToUse: { count: {} } },
    ]);
    for (const r of rules) expect(r.visibilityConfig.metricName).toMatch(/^p-/);
  });
  it("redacts query strings (tokens) from its logs", () => {
    expect(WAF_LOGGING.redactedFields).toEqual([{ queryString: {} }]);
  });
});

describe("VAPID keys from a PEM", () => {
  it("gives web-push's raw base64url keys that still sign and verify as the original key", () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const keys = vapidFromPem(pem);
    const pub = Buffer.from(keys.publicKey, "base64url");
    const priv = Buffer.from(keys.privateKey, "base64url");
    expect(pub).toHaveLength(65);
    expect(pub[0]).toBe(4);
    expect(priv).toHaveLength(32);
    // Rebuild keys from the raw parts and check they are the same pair.
    const jwk = { kty: "EC", crv: "P-256", x: pub.subarray(1, 33).toString("base64url"), y: pub.subarray(33).toString("base64url") };
    const rebuiltPrivate = createPrivateKey({ key: { ...jwk, d: priv.toString("base64url") }, format: "jwk" });
    const signature = sign("sha256", Buffer.from("hello"), rebuiltPrivate);
    expect(verify("sha256", Buffer.from("hello"), createPublicKey({ key: jwk, format: "jwk" }), signature)).toBe(true);
    expect(verify("sha256", Buffer.from("hello"), privateKey, signature)).toBe(true);
  });
  it("refuses a non-P-256 key", () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "secp384r1" });
    expect(() => vapidFromPem(privateKey.export({ type: "pkcs8", format: "pem" }).toString())).toThrow(/P-256/);
  });
});

describe("SPA files", () => {
  it("gives content types and cache headers like the embedded runtime", () => {
    expect(contentTypeOf("index.html")).toBe("text/html; charset=utf-8");
    expect(contentTypeOf("assets/a.JS")).toBe("text/javascript; charset=utf-8");
    expect(contentTypeOf("x.unknown")).toBe("application/octet-stream");
    expect(cacheControlOf("index.html")).toBe("no-cache");
    expect(cacheControlOf("sw.js")).toBe("no-cache");
    expect(cacheControlOf("assets/index-abc.js")).toBe("public, max-age=31536000, immutable");
    expect(cacheControlOf("icons/icon-192.png")).toBe("public, max-age=3600");
  });
  it("lists every file with forward-slash keys, without dotfiles and source maps", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "stellarr-ui-"));
    for (const f of ["index.html", "assets/a.js", "assets/a.js.map", ".DS_Store", "icons/x/y.png"]) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), "x");
    }
    expect(listSiteFiles(dir).map((f) => f.key)).toEqual(["assets/a.js", "icons/x/y.png", "index.html"]);
  });
  it("generates config.json and the manifest like the runtime", () => {
    expect(JSON.parse(siteConfigJson({ appName: "Media", locales: ["en"], version: "1.2.3" }))).toEqual({
      app_name: "Media",
      locales: ["en"],
      catalogue: "tmdb",
      version: "1.2.3",
    });
    expect(JSON.parse(manifestJson("Media"))).toMatchObject({ name: "Media", short_name: "Media", start_url: "/" });
  });
});

describe("table shape", () => {
  it("mirrors the DynamoDB adapter's CreateTable input", () => {
    const shape = tableShape();
    const design = createTableInput("x");
    expect(shape.hashKey).toBe("pk");
    expect(shape.rangeKey).toBe("sk");
    expect(shape.attributes).toEqual(design.AttributeDefinitions.map((a) => ({ name: a.AttributeName, type: a.AttributeType })));
    expect(shape.localSecondaryIndexes.map((i) => i.name)).toEqual(["by_seq", "by_type", "by_status", "by_type_status"]);
    expect(shape.globalSecondaryIndexes).toEqual([
      {
        name: "gsi1",
        keySchemas: [
          { attributeName: "gsi1pk", keyType: "HASH" },
          { attributeName: "gsi1sk", keyType: "RANGE" },
        ],
        projectionType: "ALL",
      },
    ]);
    expect(shape.ttlAttribute).toBe("expires_at");
  });
});

describe("runtime environment maps", () => {
  it("name the same secret variables as the runtime's AWS loader", () => {
    expect([...SECRET_VARIABLES].sort()).toEqual([...RUNTIME_SECRET_VARIABLES].sort());
  });
  it("carry the app settings (empty = default left out) and never a secret", () => {
    expect(runtimeEnv(app, {})).toEqual({
      APP_NAME: "Media",
      TRENDING_LOCALES: "en,pt-BR",
      LOG_LEVEL: "warn",
      PLEX_SERVER_NAME: "Home",
      RATE_LIMIT_MAX_ATTEMPTS: "3",
      API_RATE_LIMIT_PER_MINUTE: "0",
    });
    const docker = runtimeContainerEnv(app, "https://localhost:8443");
    expect(docker).toMatchObject({
      HOST: "0.0.0.0",
      PORT: "8080",
      DATA_DIR: "/data",
      BASE_URL: "https://localhost:8443",
      TRUST_PROXY: "x-forwarded-for:1",
    });
    const lambda = apiEnvironment(app, { tableName: "t", trendingBucket: "b", secretArn: "arn" });
    expect(lambda).toMatchObject({ TABLE_NAME: "t", TRENDING_BUCKET: "b", SECRET_ID: "arn", TRUST_PROXY: "cloudfront" });
    for (const env of [docker, lambda]) for (const s of SECRET_VARIABLES) expect(env[s]).toBeUndefined();
    expect(toEnvList({ B: "2", A: "1=1" })).toEqual(["A=1=1", "B=2"]);
  });
  it("build the public URLs users paste into Radarr, Sonarr and Plex", () => {
    expect(publicUrls("https://x.example/", "a b", "t&k")).toEqual({
      feedUrls: {
        radarr: "https://x.example/list/radarr?token=a%20b",
        radarrTmdb: "https://x.example/list/radarr/tmdb?token=a%20b",
        sonarr: "https://x.example/list/sonarr?token=a%20b",
      },
      webhookUrl: "https://x.example/webhook/plex?token=t%26k",
      syncUrl: "https://x.example/sync/library?token=t%26k",
    });
    expect(dockerSiteUrl("localhost", 443)).toBe("https://localhost");
    expect(dockerSiteUrl("localhost", 8443)).toBe("https://localhost:8443");
  });
});

describe("Secrets Manager payload", () => {
  const base = {
    configured: { PRESHARED_PASSWORD: "pw", TMDB_API_KEY: "k" },
    appSecretKey: "a".repeat(64),
    originVerifySecret: "o".repeat(48),
    feedToken: "f",
    webhookToken: "w",
    vapid: { publicKey: "pub", privateKey: "priv" },
    baseUrl: "https://d1.cloudfront.net",
  };
  it("carries every runtime secret under its product.md §2 name", () => {
    expect(JSON.parse(secretPayload(base))).toEqual({
      PRESHARED_PASSWORD: "pw",
      TMDB_API_KEY: "k",
      APP_SECRET_KEY: base.appSecretKey,
      ORIGIN_VERIFY_SECRET: base.originVerifySecret,
      FEED_TOKEN: "f",
      PLEX_WEBHOOK_TOKEN: "w",
      VAPID_PUBLIC_KEY: "pub",
      VAPID_PRIVATE_KEY: "priv",
      BASE_URL: "https://d1.cloudfront.net",
    });
  });
  it("fails the deployment when a required secret is empty (nothing fails open)", () => {
    expect(() => secretPayload({ ...base, configured: { TMDB_API_KEY: "k" } })).toThrow("stellarr:presharedPassword must not be empty");
    expect(() => secretPayload({ ...base, configured: { PRESHARED_PASSWORD: "pw", TMDB_API_KEY: " " } })).toThrow(
      "stellarr:tmdbApiKey must not be empty",
    );
    expect(() => secretPayload({ ...base, baseUrl: "http://x" })).toThrow(/https origin/);
  });
});

describe("API origin response timeout", () => {
  it("is the function timeout plus 5 s, so CloudFront always waits for the function's answer", () => {
    expect(apiOriginReadTimeout(3)).toBe(8);
    expect(apiOriginReadTimeout(15)).toBe(20);
    expect(apiOriginReadTimeout(55)).toBe(60);
  });
  it("refuses a function timeout whose origin timeout would pass CloudFront's 60 s limit", () => {
    expect(() => apiOriginReadTimeout(56)).toThrow("API function timeout 56 s must be a whole number from 1 to 55");
    expect(() => apiOriginReadTimeout(0)).toThrow("must be a whole number from 1 to 55");
  });
});
