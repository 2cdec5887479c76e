import { describe, expect, it } from "vitest";
import { addOriginVerifyHeader } from "../../aws/cloudfront/addOriginVerifyHeader.js";
import { attachResponseHeadersPolicy } from "../../aws/cloudfront/attachResponseHeadersPolicy.js";
import { attachWebAcl } from "../../aws/cloudfront/attachWebAcl.js";
import { configureTlsPolicy } from "../../aws/cloudfront/configureTlsPolicy.js";
import { enableHsts } from "../../aws/cloudfront/enableHsts.js";
import { keepApiErrors } from "../../aws/cloudfront/keepApiErrors.js";
import { keepApiUncached } from "../../aws/cloudfront/keepApiUncached.js";
import { keepSpaRoutingOnDefault } from "../../aws/cloudfront/keepSpaRoutingOnDefault.js";
import { requireHttpsToOrigins } from "../../aws/cloudfront/requireHttpsToOrigins.js";
import { requireHttpsViewers } from "../../aws/cloudfront/requireHttpsViewers.js";
import { signOriginRequests } from "../../aws/cloudfront/signOriginRequests.js";
import { useOriginAccessControl } from "../../aws/cloudfront/useOriginAccessControl.js";
import { T } from "../../lib/types.js";
import * as a from "../fixtures/aws.js";
import { record } from "../fixtures/record.js";
import { expectMetadata, messagesOf, notApplicableReasons, tweak } from "../support.js";

type Dist = ReturnType<typeof a.distribution>;
const CERT = a.arn("acm", "certificate/abc", "us-east-1");
const base = a.distribution({ certificateArn: CERT });
const dist = (change: (d: Dist) => void = () => {}, refs: a.DistributionRefs = { certificateArn: CERT }) =>
  record(T.distribution, "cdn", tweak(a.distribution(refs), change));
const origin = (d: Dist, id: string) => d.origins.find((o) => o.originId === id)! as Record<string, any>;

describe("aws-cloudfront-distribution-require-https-viewers", () => {
  const p = requireHttpsViewers;
  it("has metadata", () => expectMetadata(p, "aws-cloudfront-distribution-require-https-viewers"));
  it("passes with redirect-to-https and https-only", async () => {
    expect(
      await messagesOf(
        p,
        dist((d) => (d.orderedCacheBehaviors[0]!.viewerProtocolPolicy = "https-only")),
      ),
    ).toEqual([]);
  });
  it("reports allow-all on the default behavior", async () => {
    expect(
      await messagesOf(
        p,
        dist((d) => (d.defaultCacheBehavior.viewerProtocolPolicy = "allow-all")),
      ),
    ).toEqual([
      "The default cache behavior allows plain HTTP viewers (viewerProtocolPolicy 'allow-all'); use 'redirect-to-https' or 'https-only'.",
    ]);
  });
  it("reports allow-all on an ordered behavior", async () => {
    expect(
      await messagesOf(
        p,
        dist((d) => (d.orderedCacheBehaviors[1]!.viewerProtocolPolicy = "allow-all")),
      ),
    ).toEqual([
      "The cache behavior for '/api/*' allows plain HTTP viewers (viewerProtocolPolicy 'allow-all'); use 'redirect-to-https' or 'https-only'.",
    ]);
  });
});

describe("aws-cloudfront-distribution-configure-tls-policy", () => {
  const p = configureTlsPolicy;
  it("has metadata", () => expectMetadata(p, "aws-cloudfront-distribution-configure-tls-policy"));
  it("passes with TLSv1.2_2021 on a custom certificate", async () => {
    expect(await messagesOf(p, dist())).toEqual([]);
  });
  it("is not applicable to the default certificate", async () => {
    const r = dist(() => {}, {});
    expect(await messagesOf(p, r)).toEqual([]);
    expect(await notApplicableReasons(p, [r])).toEqual(["The default CloudFront certificate's security policy is fixed by CloudFront."]);
  });
  it("reports an older protocol", async () => {
    const r = dist((d) => ((d.viewerCertificate as Record<string, unknown>)["minimumProtocolVersion"] = "TLSv1.1_2016"));
    expect(await messagesOf(p, r)).toEqual([
      "The viewer certificate allows protocols older than TLSv1.2_2021 (minimumProtocolVersion 'TLSv1.1_2016'); set it to 'TLSv1.2_2021'.",
    ]);
  });
  it("reports an unset protocol", async () => {
    const r = dist((d) => delete (d.viewerCertificate as Record<string, unknown>)["minimumProtocolVersion"]);
    expect(await messagesOf(p, r)).toEqual([
      "The viewer certificate allows protocols older than TLSv1.2_2021 (minimumProtocolVersion 'unset'); set it to 'TLSv1.2_2021'.",
    ]);
  });
});

describe("aws-cloudfront-distribution-use-origin-access-control", () => {
  const p = useOriginAccessControl;
  it("has metadata", () => expectMetadata(p, "aws-cloudfront-distribution-use-origin-access-control"));
  it("passes when S3 origins use OAC", async () => {
    expect(await messagesOf(p, dist())).toEqual([]);
  });
  it("reports an S3 origin without OAC", async () => {
    expect(
      await messagesOf(
        p,
        dist((d) => delete origin(d, "site")["originAccessControlId"]),
      ),
    ).toEqual(["Origin 'site' reaches S3 without origin access control; set originAccessControlId."]);
  });
  it("reports a legacy origin access identity", async () => {
    const r = dist((d) => {
      const o = origin(d, "trending");
      delete o["originAccessControlId"];
      o["s3OriginConfig"] = { originAccessIdentity: "origin-access-identity/cloudfront/E1" };
    });
    expect(await messagesOf(p, r)).toEqual(["Origin 'trending' uses a legacy origin access identity; use origin access control instead."]);
  });
  it("reports a public website endpoint", async () => {
    const r = dist((d) => (origin(d, "site")["domainName"] = "stellarr-site.s3-website-eu-west-1.amazonaws.com"));
    expect(await messagesOf(p, r)).toEqual([
      "Origin 'site' points at a public S3 website endpoint; use the bucket's REST endpoint with origin access control.",
    ]);
  });
});

describe("aws-cloudfront-origin-access-control-sign-requests", () => {
  const p = signOriginRequests;
  const oac = (change: object = {}) => record(T.originAccessControl, "oac", { ...a.originAccessControl(), ...change });
  it("has metadata", () => expectMetadata(p, "aws-cloudfront-origin-access-control-sign-requests"));
  it("passes when always signing with sigv4", async () => {
    expect(await messagesOf(p, oac())).toEqual([]);
  });
  it("reports a control that does not always sign", async () => {
    expect(await messagesOf(p, oac({ signingBehavior: "no-override" }))).toEqual([
      "The origin access control must sign every request (signingBehavior 'always', not 'no-override').",
    ]);
  });
  it("reports another signing protocol", async () => {
    expect(await messagesOf(p, oac({ signingProtocol: "none" }))).toEqual([
      "The origin access control must use the sigv4 signing protocol, not 'none'.",
    ]);
  });
});

describe("aws-cloudfront-distribution-require-https-to-origins", () => {
  const p = requireHttpsToOrigins;
  it("has metadata", () => expectMetadata(p, "aws-cloudfront-distribution-require-https-to-origins"));
  it("passes with https-only and TLSv1.2", async () => {
    expect(await messagesOf(p, dist())).toEqual([]);
  });
  it("reports http to the origin", async () => {
    const r = dist((d) => (origin(d, "api")["customOriginConfig"].originProtocolPolicy = "match-viewer"));
    expect(await messagesOf(p, r)).toEqual(["Origin 'api' is reached with originProtocolPolicy 'match-viewer'; use 'https-only'."]);
  });
  it("reports outdated protocols", async () => {
    const r = dist((d) => (origin(d, "api")["customOriginConfig"].originSslProtocols = ["TLSv1", "TLSv1.1", "TLSv1.2"]));
    expect(await messagesOf(p, r)).toEqual(["Origin 'api' allows outdated protocols (TLSv1, TLSv1.1); allow only TLSv1.2."]);
  });
});

describe("aws-cloudfront-distribution-add-origin-verify-header", () => {
  const p = addOriginVerifyHeader;
  it("has metadata", () => expectMetadata(p, "aws-cloudfront-distribution-add-origin-verify-header"));
  it("passes when the Function URL origin sends the header (any case)", async () => {
    const r = dist((d) => (origin(d, "api")["customHeaders"][0].name = "x-origin-verify"));
    expect(await messagesOf(p, r)).toEqual([]);
  });
  it("reports a Function URL origin without the header", async () => {
    expect(
      await messagesOf(
        p,
        dist((d) => delete origin(d, "api")["customHeaders"]),
      ),
    ).toEqual(["Origin 'api' is a Lambda Function URL without the X-Origin-Verify custom header."]);
  });
  it("reports an empty header value", async () => {
    expect(
      await messagesOf(
        p,
        dist((d) => (origin(d, "api")["customHeaders"][0].value = "")),
      ),
    ).toEqual(["Origin 'api' sends an empty X-Origin-Verify header."]);
  });
});

describe("aws-cloudfront-distribution-attach-response-headers-policy", () => {
  const p = attachResponseHeadersPolicy;
  const rhp = record(T.responseHeadersPolicy, "headers", a.responseHeadersPolicy(), { id: "rhp-id" });
  const withPolicy = (change: (d: Dist) => void = () => {}) =>
    record(T.distribution, "cdn", tweak(a.distribution({ certificateArn: CERT, headersPolicyId: "rhp-id" }), change));
  it("has metadata", () => expectMetadata(p, "aws-cloudfront-distribution-attach-response-headers-policy"));
  it("passes with the stack's policy or the managed SecurityHeadersPolicy", async () => {
    expect(await messagesOf(p, [rhp, withPolicy()])).toEqual([]);
    expect(await messagesOf(p, [dist()])).toEqual([]);
  });
  it("reports a behavior without a policy", async () => {
    const r = withPolicy((d) => delete (d.orderedCacheBehaviors[2] as Record<string, unknown>)["responseHeadersPolicyId"]);
    expect(await messagesOf(p, [rhp, r])).toEqual(["Distribution 'cdn': the cache behavior for '/list/*' has no response headers policy."]);
  });
  it("reports a policy that is not in the stack", async () => {
    const r = withPolicy((d) => (d.defaultCacheBehavior.responseHeadersPolicyId = "someone-elses"));
    expect(await messagesOf(p, [rhp, r])).toEqual([
      "Distribution 'cdn': the default cache behavior uses response headers policy 'someone-elses', which is neither defined in this stack nor the managed SecurityHeadersPolicy.",
    ]);
  });
});

describe("aws-cloudfront-response-headers-policy-enable-hsts", () => {
  const p = enableHsts;
  const rhp = (change: (r: ReturnType<typeof a.responseHeadersPolicy>) => void = () => {}) =>
    record(T.responseHeadersPolicy, "headers", tweak(a.responseHeadersPolicy(), change));
  it("has metadata", () => expectMetadata(p, "aws-cloudfront-response-headers-policy-enable-hsts"));
  it("passes with two years", async () => {
    expect(await messagesOf(p, rhp())).toEqual([]);
  });
  it("reports a policy without HSTS", async () => {
    const r = rhp((x) => delete (x.securityHeadersConfig as Record<string, unknown>)["strictTransportSecurity"]);
    expect(await messagesOf(p, r)).toEqual(["The response headers policy does not set Strict-Transport-Security."]);
  });
  it("reports a short max-age, and honours a configured minimum", async () => {
    const r = rhp((x) => (x.securityHeadersConfig.strictTransportSecurity.accessControlMaxAgeSec = 3600));
    expect(await messagesOf(p, r)).toEqual([
      "The response headers policy sets Strict-Transport-Security max-age to 3600 seconds; use at least 31536000.",
    ]);
    expect(await messagesOf(p, r, { minimumMaxAgeSeconds: 600 })).toEqual([]);
  });
});

describe("aws-cloudfront-distribution-keep-api-errors", () => {
  const p = keepApiErrors;
  it("has metadata", () => expectMetadata(p, "aws-cloudfront-distribution-keep-api-errors"));
  it("passes without rewrites, and with error caching only", async () => {
    expect(await messagesOf(p, dist())).toEqual([]);
    const caching = dist((d) => Object.assign(d, { customErrorResponses: [{ errorCode: 503, errorCachingMinTtl: 5 }] }));
    expect(await messagesOf(p, caching)).toEqual([]);
  });
  it("reports 403 and 404 rewritten to index.html", async () => {
    const r = dist((d) =>
      Object.assign(d, {
        customErrorResponses: [
          { errorCode: 403, responseCode: 200, responsePagePath: "/index.html" },
          { errorCode: 404, responseCode: 200, responsePagePath: "/index.html" },
        ],
      }),
    );
    expect(await messagesOf(p, r)).toEqual([
      "The distribution rewrites every 403 response to '/index.html', which hides API errors; route the SPA with a CloudFront Function on the site behavior instead.",
      "The distribution rewrites every 404 response to '/index.html', which hides API errors; route the SPA with a CloudFront Function on the site behavior instead.",
    ]);
  });
});

describe("aws-cloudfront-distribution-attach-web-acl", () => {
  const p = attachWebAcl;
  const aclArn = a.arn("wafv2", "global/webacl/stellarr/1", "us-east-1");
  const acl = record(T.webAcl, "waf", a.webAcl(), { arn: aclArn });
  it("has metadata", () => expectMetadata(p, "aws-cloudfront-distribution-attach-web-acl"));
  it("passes when the distribution uses the web ACL", async () => {
    const r = record(T.distribution, "cdn", { ...base, webAclId: aclArn });
    expect(await messagesOf(p, [acl, r])).toEqual([]);
  });
  it("is not applicable without WAF", async () => {
    expect(await messagesOf(p, [dist()])).toEqual([]);
    expect(await notApplicableReasons(p, [dist()])).toEqual(["WAF is not enabled in this stack."]);
  });
  it("reports a distribution without the web ACL", async () => {
    expect(await messagesOf(p, [acl, dist()])).toEqual([
      "Distribution 'cdn' has no web ACL attached although the stack defines web ACL 'waf'.",
    ]);
  });
});

describe("aws-cloudfront-distribution-keep-api-uncached", () => {
  const p = keepApiUncached;
  const apiPolicy = (ttl?: { minTtl: number; defaultTtl: number; maxTtl: number }) =>
    record(T.cachePolicy, "api-cache", a.cachePolicy("stellarr-api", ttl), { id: "api-cache-id" });
  const cdn = (change: (d: Dist) => void = () => {}) => dist(change, { certificateArn: CERT, apiCachePolicyId: "api-cache-id" });
  const api = (d: Dist) => d.orderedCacheBehaviors.find((b) => b.pathPattern === "/api/*")! as Record<string, any>;
  it("has metadata", () => expectMetadata(p, "aws-cloudfront-distribution-keep-api-uncached"));
  it("passes with the stack's zero-TTL policy (max 1 s) or the managed CachingDisabled policy", async () => {
    expect(await messagesOf(p, [apiPolicy(), cdn()])).toEqual([]);
    expect(await messagesOf(p, [dist()])).toEqual([]);
  });
  it("is not applicable without a distribution", async () => {
    expect(await notApplicableReasons(p, [apiPolicy()])).not.toEqual([]);
  });
  it("reports /api/* cached with a non-zero default TTL", async () => {
    expect(await messagesOf(p, [apiPolicy({ minTtl: 0, defaultTtl: 300, maxTtl: 300 }), cdn()])).toEqual([
      "Distribution 'cdn': the cache behavior for '/api/*' keeps API responses for 300 s by default (cache policy 'stellarr-api'): CloudFront caches any answer without Cache-Control; set defaultTtl to 0 or use the managed CachingDisabled policy.",
    ]);
  });
  it("reports a minimum TTL, which overrides no-store", async () => {
    expect(await messagesOf(p, [apiPolicy({ minTtl: 5, defaultTtl: 0, maxTtl: 60 }), cdn()])).toEqual([
      "Distribution 'cdn': the cache behavior for '/api/*' keeps API responses for at least 5 s (cache policy 'stellarr-api'), even those sent with no-store; set minTtl to 0.",
    ]);
  });
  it("reports legacy cache settings on /webhook/*, which default to a day", async () => {
    const d = cdn(
      (x) => delete (x.orderedCacheBehaviors.find((b) => b.pathPattern === "/webhook/*") as Record<string, any>)["cachePolicyId"],
    );
    expect(await messagesOf(p, [apiPolicy(), d])).toEqual([
      "Distribution 'cdn': the cache behavior for '/webhook/*' keeps API responses for 86400 s by default (its legacy cache settings): CloudFront caches any answer without Cache-Control; set defaultTtl to 0 or use the managed CachingDisabled policy.",
    ]);
  });
  it("reports a cache policy it cannot see, such as the managed CachingOptimized", async () => {
    const d = cdn((x) => (api(x)["cachePolicyId"] = "658327ea-f89d-4fab-a63d-7e88639e58f6"));
    expect(await messagesOf(p, [apiPolicy(), d])).toEqual([
      "Distribution 'cdn': the cache behavior for '/api/*' uses cache policy '658327ea-f89d-4fab-a63d-7e88639e58f6', which is neither defined in this stack nor the managed CachingDisabled policy, so its TTLs cannot be checked.",
    ]);
  });
  it("checks the path patterns it is configured with", async () => {
    const d = cdn((x) => delete (x.orderedCacheBehaviors.find((b) => b.pathPattern === "/list/*") as Record<string, any>)["cachePolicyId"]);
    expect(await messagesOf(p, [apiPolicy(), d], { uncachedPathPatterns: ["/list/*"] })).toEqual([
      "Distribution 'cdn': the cache behavior for '/list/*' keeps API responses for 86400 s by default (its legacy cache settings): CloudFront caches any answer without Cache-Control; set defaultTtl to 0 or use the managed CachingDisabled policy.",
    ]);
  });
});

describe("aws-cloudfront-distribution-keep-spa-routing-on-default-behavior", () => {
  const p = keepSpaRoutingOnDefault;
  const SPA = a.arn("cloudfront", "function/stellarr-spa-routing", "");
  const OTHER = a.arn("cloudfront", "function/stellarr-headers", "");
  const spa = record(T.cloudfrontFunction, "spa", a.spaFunction(), { arn: SPA });
  const other = record(
    T.cloudfrontFunction,
    "headers",
    { name: "stellarr-headers", code: "function handler(e) { return e.request; }" },
    { arn: OTHER },
  );
  const cdn = (change: (d: Dist) => void = () => {}) => dist(change, { certificateArn: CERT, spaFunctionArn: SPA });
  const attach = (d: Dist, pattern: string, arn: string) =>
    ((d.orderedCacheBehaviors.find((b) => b.pathPattern === pattern) as Record<string, any>)["functionAssociations"] = [
      { eventType: "viewer-request", functionArn: arn },
    ]);
  it("has metadata", () => expectMetadata(p, "aws-cloudfront-distribution-keep-spa-routing-on-default-behavior"));
  it("passes with the SPA function on the default behavior and other functions elsewhere", async () => {
    expect(await messagesOf(p, [spa, other, cdn((d) => attach(d, "/api/*", OTHER))])).toEqual([]);
  });
  it("reports the SPA function on /api/*", async () => {
    expect(await messagesOf(p, [spa, cdn((d) => attach(d, "/api/*", SPA))])).toEqual([
      "Distribution 'cdn': the cache behavior for '/api/*' runs the SPA routing function 'spa', which rewrites its requests to /index.html; attach it to the default behavior only.",
    ]);
  });
  it("reports the SPA function on any other ordered behavior", async () => {
    expect(await messagesOf(p, [spa, cdn((d) => attach(d, "/trending-*.json", SPA))])).toEqual([
      "Distribution 'cdn': the cache behavior for '/trending-*.json' runs the SPA routing function 'spa', which rewrites its requests to /index.html; attach it to the default behavior only.",
    ]);
  });
});
