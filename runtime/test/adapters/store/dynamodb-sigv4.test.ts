/**
 * dynalite accepts any well-formed signature, so the DynamoDB suite cannot catch a signing bug.
 * This file proves the signatures right three ways:
 * 1. an independent reference signer written from the specification (test/support/sigv4-reference.ts)
 *    reproduces AWS's published SigV4 test vectors (so does lib/sigv4.ts: test/lib/sigv4.test.ts);
 * 2. the exact requests the DynamoDB store sends (captured at its injected `fetch`, incl. a
 *    session token, unicode payloads and batch calls) carry the signature the reference computes;
 * 3. a signature-checking server (@20minutes/s3rver) accepts the signer's requests (sent by the
 *    adapters' own client and transport) and rejects a wrong secret with 403 SignatureDoesNotMatch.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDynamoStore } from "../../../src/adapters/store/dynamodb/index.js";
import { createDynaliteStore } from "@stellarr/testkit/dynalite";
import { AwsHttpClient } from "../../../src/lib/aws-transport.js";
import { referenceAuthorization } from "../../support/sigv4-reference.js";
import { sigv4Suite } from "../../support/sigv4-vectors.js";

const suite = sigv4Suite;

describe("SigV4: AWS test vectors", () => {
  it.each(suite.vectors)("the reference signer signs $name like AWS", (v) => {
    const headers: Record<string, string> = { ...v.headers, host: new URL(v.url).host, "x-amz-date": suite.datetime };
    if (v.sessionToken) headers["x-amz-security-token"] = v.sessionToken;
    const authorization = referenceAuthorization({
      method: v.method,
      url: v.url,
      headers,
      body: v.body ?? "",
      accessKeyId: suite.accessKeyId,
      secretAccessKey: suite.secretAccessKey,
      region: suite.region,
      service: suite.service,
      datetime: suite.datetime,
    });
    expect(authorization).toBe(v.authorization);
  });
});

describe("SigV4: the DynamoDB store's own requests", () => {
  it("signs every operation exactly as the specification demands", async () => {
    const captured: { url: string; method: string; headers: Headers; body: string }[] = [];
    const credentials = {
      accessKeyId: "AKIDSTELLARR",
      secretAccessKey: "s3cr3t/Key+With=Symbols",
      sessionToken: "FwoGZXIvYXdzEXAMPLE//token==",
    };
    const t = await createDynaliteStore({
      credentials,
      region: "eu-central-1",
      fetch: async (input, init) => {
        const request = input instanceof Request ? input : new Request(input, init);
        captured.push({ url: request.url, method: request.method, headers: request.headers, body: await request.clone().text() });
        return fetch(request);
      },
    });
    try {
      await t.store.insertRequest({
        tmdb_id: 129,
        media_type: "movie",
        title: "千と千尋の神隠し — Spirited Away",
        year: 2001,
        overview: "Ünïcødé ✓",
        poster_path: null,
        imdb_id: "tt0245429",
        tvdb_id: null,
        requested_by: "zoë",
        created_at: new Date(0).toISOString(),
      });
      await t.store.upsertLibrary("movie", [{ tmdb_id: 129, title: "Spirited Away" }], 0);
      await t.store.titleStatus([{ media_type: "movie", tmdb_id: 129 }]);
      await t.store.listRequests({ limit: 10, media_type: "movie" });
      await t.store.hitRateLimit("ip:203.0.113.9", 60_000, 0);
    } finally {
      await t.cleanup();
    }
    const ops = new Set(captured.map((c) => c.headers.get("x-amz-target")));
    expect(ops).toEqual(
      new Set(["UpdateItem", "PutItem", "BatchGetItem", "BatchWriteItem", "Query"].map((op) => `DynamoDB_20120810.${op}`)),
    );
    for (const request of captured) {
      const authorization = request.headers.get("authorization") ?? "";
      const match =
        /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=[0-9a-f]{64}$/.exec(
          authorization,
        );
      expect(match, authorization).not.toBeNull();
      const [, keyId, date, region, service, signedHeaderList] = match!;
      expect({ keyId, region, service }).toEqual({ keyId: credentials.accessKeyId, region: "eu-central-1", service: "dynamodb" });
      const signedNames = signedHeaderList!.split(";");
      // The operation, the host, the time and the session token are covered (and the body by its hash).
      expect(signedNames).toEqual(expect.arrayContaining(["host", "x-amz-date", "x-amz-security-token", "x-amz-target"]));
      const datetime = request.headers.get("x-amz-date")!;
      expect(datetime.slice(0, 8)).toBe(date);
      const headers = Object.fromEntries(
        signedNames.map((name) => [name, name === "host" ? new URL(request.url).host : (request.headers.get(name) ?? "")]),
      );
      const input = {
        method: request.method,
        url: request.url,
        headers,
        body: request.body,
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        region: "eu-central-1",
        service: "dynamodb",
        datetime,
      };
      expect(authorization).toBe(referenceAuthorization(input));
      expect(authorization).not.toBe(referenceAuthorization({ ...input, secretAccessKey: "wrong" }));
      expect(authorization).not.toBe(referenceAuthorization({ ...input, body: request.body + " " }));
    }
  });

  it("defaults to the regional AWS endpoint", async () => {
    let url = "";
    const store = createDynamoStore({
      tableName: "t",
      region: "ap-southeast-2",
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
      fetch: async (input) => {
        url = (input as Request).url;
        return new Response("{}", { status: 200 });
      },
    });
    await store.ping();
    expect(url).toBe("https://dynamodb.ap-southeast-2.amazonaws.com/");
  });
});

describe("SigV4: a signature-checking peer", () => {
  it("@20minutes/s3rver accepts the signer's signatures and rejects a wrong secret", async () => {
    const require = createRequire(import.meta.url);
    const S3rver = require("@20minutes/s3rver") as new (options: object) => {
      run(): Promise<{ address: string; port: number }>;
      close(): Promise<void>;
    };
    const directory = await mkdtemp(join(tmpdir(), "stellarr-s3rver-"));
    const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory, configureBuckets: [{ name: "sig", configs: [] }] });
    const { port } = await server.run();
    try {
      const client = (secretAccessKey: string) =>
        new AwsHttpClient({ accessKeyId: "S3RVER", secretAccessKey, service: "s3", region: "us-east-1", retries: 0 });
      const url = `http://127.0.0.1:${port}/sig/probe.json`;
      const put = await client("S3RVER").fetch(url, {
        method: "PUT",
        body: '{"ok":true}',
        headers: { "content-type": "application/json" },
      });
      expect(put.status).toBe(200);
      const get = await client("S3RVER").fetch(url);
      expect(await get.text()).toBe('{"ok":true}');
      // An S3 key is signed decoded and encoded once (not twice, as other services' paths).
      const odd = `http://127.0.0.1:${port}/sig/${encodeURIComponent("week (all) ü+!.json")}`;
      expect(
        (await client("S3RVER").fetch(odd, { method: "PUT", body: "{}", headers: { "content-type": "application/json" } })).status,
      ).toBe(200);
      expect((await client("S3RVER").fetch(odd, { method: "HEAD" })).status).toBe(200);
      const forged = await client("not-the-secret").fetch(url);
      expect(forged.status).toBe(403);
      expect(await forged.text()).toContain("SignatureDoesNotMatch");
    } finally {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    }
  });
});
