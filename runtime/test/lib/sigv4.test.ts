/**
 * The SigV4 signer (lib/sigv4.ts) against AWS's published test vectors, and against aws4fetch (a
 * devDependency kept for this comparison: it signed every AWS request here before) for the
 * requests the adapters send and the canonicalisation corners they could meet: S3 keys with
 * spaces and reserved characters, non-S3 paths (encoded twice), repeated slashes, query strings,
 * session tokens, unicode and binary bodies. Signatures against a checking peer (s3rver) and the
 * DynamoDB store's own requests are in test/adapters/store/dynamodb-sigv4.test.ts.
 */
import { AwsClient } from "aws4fetch";
import { describe, expect, it } from "vitest";
import { createSigner, type UnsignedRequest } from "../../src/lib/sigv4.js";
import { sigv4Suite } from "../support/sigv4-vectors.js";

const suite = sigv4Suite;

describe("SigV4 signer: AWS test vectors", () => {
  it.each(suite.vectors)("signs $name like AWS", (v) => {
    const sign = createSigner({
      accessKeyId: suite.accessKeyId,
      secretAccessKey: suite.secretAccessKey,
      sessionToken: v.sessionToken,
      service: suite.service,
      region: suite.region,
      allHeaders: v.allHeaders ?? false,
    });
    const signed = sign({ method: v.method, url: v.url, headers: v.headers, body: v.body ?? undefined }, suite.datetime);
    expect(signed.headers.authorization).toBe(v.authorization);
    expect(signed.headers["x-amz-date"]).toBe(suite.datetime);
    if (v.sessionToken) expect(signed.headers["x-amz-security-token"]).toBe(v.sessionToken);
  });
});

const DATETIME = "20261204T051500Z";
const credentials = {
  accessKeyId: "AKIDSTELLARR",
  secretAccessKey: "s3cr3t/Key+With=Symbols",
  sessionToken: "FwoGZXIvYXdzEXAMPLE//token==",
};

interface Case {
  name: string;
  service: string;
  request: UnsignedRequest & { headers: Record<string, string> };
  sessionToken?: boolean;
}

const cases: Case[] = [
  {
    name: "a DynamoDB call with a unicode payload",
    service: "dynamodb",
    request: {
      method: "POST",
      url: "https://dynamodb.eu-central-1.amazonaws.com/",
      headers: { "x-amz-target": "DynamoDB_20120810.PutItem", "content-type": "application/x-amz-json-1.0" },
      body: JSON.stringify({ TableName: "t", Item: { title: { S: "千と千尋の神隠し — Ünïcødé ✓" } } }),
    },
    sessionToken: true,
  },
  {
    name: "a Secrets Manager read without a session token",
    service: "secretsmanager",
    request: {
      method: "POST",
      url: "http://127.0.0.1:4566/",
      headers: { "x-amz-target": "secretsmanager.GetSecretValue", "content-type": "application/x-amz-json-1.1" },
      body: '{"SecretId":"stellarr/config"}',
    },
  },
  {
    name: "a Lambda Invoke of a function named by ARN (encoded twice)",
    service: "lambda",
    request: {
      method: "POST",
      url: `https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/${encodeURIComponent("arn:aws:lambda:eu-west-1:123456789012:function:notifier")}/invocations`,
      headers: { "x-amz-invocation-type": "Event", "content-type": "application/json" },
      body: '{"kind":"job"}',
    },
    sessionToken: true,
  },
  {
    name: "an S3 PUT of a key with spaces and reserved characters",
    service: "s3",
    request: {
      method: "PUT",
      url: `http://127.0.0.1:9000/bucket/${["trending", "week (all)!", "a b+c*'.json"].map(encodeURIComponent).join("/")}`,
      headers: { "content-type": "application/json", "cache-control": "public, max-age=3600" },
      body: '{"ok":true}',
    },
    sessionToken: true,
  },
  {
    name: "an S3 HEAD",
    service: "s3",
    request: { method: "HEAD", url: "https://trending.s3.eu-west-1.amazonaws.com/trending/movie.json", headers: {} },
  },
  {
    name: "a query string (sorted, RFC 3986, S3 signs a repeated name once)",
    service: "s3",
    request: { method: "GET", url: "https://b.s3.us-east-1.amazonaws.com/?prefix=a%20b&list-type=2&x=1&x=2&=empty&star=*", headers: {} },
  },
  {
    name: "a non-S3 path with repeated slashes and a query",
    service: "execute-api",
    request: { method: "GET", url: "https://api.example.com//a//b%2Fc/?b=2&a=1&a=0&sp=%20+", headers: { "x-custom": "  a   b  " } },
  },
  {
    name: "a binary body",
    service: "lambda",
    request: {
      method: "POST",
      url: "https://lambda.us-east-1.amazonaws.com/x",
      headers: { "content-type": "application/octet-stream" },
      body: new Uint8Array([0, 1, 2, 250, 255]),
    },
  },
];

describe("SigV4 signer: as aws4fetch signed", () => {
  it.each(cases)("$name", async (c) => {
    const creds = c.sessionToken ? credentials : { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey };
    const region = "eu-west-1";
    const theirs = await new AwsClient({ ...creds, service: c.service, region, retries: 0 }).sign(c.request.url, {
      method: c.request.method,
      headers: c.request.headers,
      body: c.request.body as BodyInit | undefined,
      aws: { datetime: DATETIME },
    });
    const ours = createSigner({ ...creds, service: c.service, region })(c.request, DATETIME);
    expect(ours.headers).toEqual(Object.fromEntries(theirs.headers));
    expect(ours.method).toBe(theirs.method);
    expect(new URL(ours.url).href).toBe(theirs.url);
  });

  it("derives the signing key once per day and signs each request with its own time", () => {
    const sign = createSigner({ ...credentials, service: "dynamodb", region: "eu-west-1" });
    const request = { method: "POST", url: "https://dynamodb.eu-west-1.amazonaws.com/", headers: {}, body: "{}" };
    const a = sign(request, "20261204T000000Z").headers.authorization;
    const b = sign(request, "20261204T000001Z").headers.authorization;
    const nextDay = sign(request, "20261205T000000Z").headers.authorization;
    expect(new Set([a, b, nextDay]).size).toBe(3);
    expect(nextDay).toContain("/20261205/eu-west-1/dynamodb/aws4_request");
    // The same request at the same time signs the same, after the key changed and back.
    expect(sign(request, "20261204T000000Z").headers.authorization).toBe(a);
  });
});
