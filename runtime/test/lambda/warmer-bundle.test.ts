/**
 * The BUILT warmer bundle (dist/lambda/warmer/index.mjs) in a child `node` process: EventBridge and
 * deploy-time events write the trending files to the (SigV4-verifying) S3 server and refresh external
 * ids in DynamoDB; failures come back in the result, never as a throw.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WarmerResult } from "../../src/entries/warmer-lambda.js";
import { startS3Fake, type S3Fake } from "@stellarr/testkit/fakes/s3";
import { startSecretsManagerFake, type SecretsManagerFake } from "@stellarr/testkit/fakes/secrets-manager";
import { startTmdbFake, type TmdbFake } from "@stellarr/testkit/fakes/tmdb";
import { createDynaliteStore, type DynaliteTable } from "@stellarr/testkit/dynalite";
import { copyBundle, startBundleProcess, type BundleProcess } from "./bundle-process.js";

const BUCKET = "stellarr-trending";
let tmdb: TmdbFake;
let sm: SecretsManagerFake;
let s3: S3Fake;
let table: DynaliteTable;
let bundle: Awaited<ReturnType<typeof copyBundle>>;
const procs: BundleProcess[] = [];

beforeAll(async () => {
  [tmdb, sm, s3, table, bundle] = await Promise.all([
    startTmdbFake(),
    startSecretsManagerFake({ accessKeyId: "S3RVER" }),
    startS3Fake({ buckets: [BUCKET] }),
    createDynaliteStore(),
    copyBundle("warmer"),
  ]);
  sm.put("stellarr/app", {
    APP_SECRET_KEY: "warmer-test-secret-key-0123456789",
    PRESHARED_PASSWORD: "pw-pw-pw-pw-pw",
    TMDB_API_KEY: tmdb.apiKey,
    ORIGIN_VERIFY_SECRET: "origin",
    BASE_URL: "https://stellarr.example.com",
  });
});

afterAll(async () => {
  for (const p of procs) await p.close();
  await Promise.all([tmdb?.close(), sm?.close(), s3?.close(), table?.cleanup(), bundle?.cleanup()]);
});

const env = (over: Record<string, string> = {}) => ({
  AWS_REGION: s3.region,
  AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
  SECRET_ID: "stellarr/app",
  SECRETS_MANAGER_ENDPOINT: sm.url,
  TABLE_NAME: table.options.tableName,
  DYNAMODB_ENDPOINT: table.options.endpoint!,
  TRENDING_BUCKET: BUCKET,
  S3_ENDPOINT: s3.endpoint,
  TMDB_BASE_URL: tmdb.url,
  TRENDING_LOCALES: "en,fr",
  ...over,
});

async function start(e: Record<string, string>): Promise<BundleProcess> {
  const p = await startBundleProcess(bundle.dir, e);
  procs.push(p);
  return p;
}

const scheduled = {
  version: "0",
  id: "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
  "detail-type": "Scheduled Event",
  source: "aws.events",
  account: "123456789012",
  time: "2026-11-29T03:00:00Z",
  region: "us-east-1",
  resources: ["arn:aws:events:us-east-1:123456789012:rule/stellarr-warmer"],
  detail: {},
};

const NAMES = ["en", "fr"].flatMap((l) => ["all", "movie", "tv"].map((t) => `trending-${t}-${l}.json`));

describe("warmer Lambda bundle", () => {
  it("writes every trending file to S3 and refreshes external ids, for a scheduled event", async () => {
    // A pending request whose external ids TMDB did not have yet.
    await table.store.insertRequest({
      tmdb_id: 584,
      media_type: "movie",
      title: "2 Fast 2 Furious",
      year: 2003,
      overview: null,
      poster_path: null,
      imdb_id: null,
      tvdb_id: null,
      requested_by: "alice",
      created_at: "2026-11-28T10:00:00.000Z",
    });
    const proc = await start(env());
    const { result } = await proc.invoke<WarmerResult>(scheduled);
    expect(result.ok).toBe(true);
    expect(result.trending!.files.map((f) => [f.name, f.ok])).toEqual(NAMES.map((n) => [n, true]));
    expect(result.external_ids).toMatchObject({ ok: true, checked: 1, updated: 1, failed: 0 });
    for (const name of NAMES) {
      const res = await s3.get(BUCKET, name);
      expect(res.status, name).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
      const body = (await res.json()) as { generated_at: string; results: { media_type: string }[] };
      expect(body.generated_at).toBe(result.trending!.generated_at);
      expect(body.results.length).toBeGreaterThan(20);
      expect(body.results.every((r) => r.media_type === "movie" || r.media_type === "tv")).toBe(true);
    }
    expect((await table.store.getRequest({ media_type: "movie", tmdb_id: 584 }))?.imdb_id).toBe("tt0322259");
    expect(proc.logs.join("\n")).not.toContain(tmdb.apiKey);
  });

  it("a TMDB failure for one file keeps its previous version and is reported (deploy-time invocation)", async () => {
    const before = await (await s3.get(BUCKET, "trending-movie-en.json")).text();
    const proc = await start(env());
    tmdb.failNext("/trending/movie/week", 500, {}, { times: 1 });
    const { result } = await proc.invoke<WarmerResult>({});
    expect(result.ok).toBe(false);
    expect(result.trending!.files.filter((f) => !f.ok)).toEqual([
      { name: "trending-movie-en.json", ok: false, error: expect.stringMatching(/UpstreamError/) },
    ]);
    expect(await (await s3.get(BUCKET, "trending-movie-en.json")).text()).toBe(before);
    const fr = (await (await s3.get(BUCKET, "trending-movie-fr.json")).json()) as { generated_at: string };
    expect(fr.generated_at).toBe(result.trending!.generated_at);
  });

  it("a stalling TMDB under a short invocation comes back as a failed result before Lambda's timeout", async () => {
    const proc = await start(env());
    tmdb.delayNext(/^\/trending\//, 60_000, 6); // far beyond TMDB's own 8 s attempt limit, and the invocation
    // bundle-process kills the invocation (and fails this call) if the handler outlives the remaining time.
    const { result } = await proc.invoke<WarmerResult>(scheduled, { remainingMs: 3_000 });
    expect(result.ok).toBe(false);
    expect(result.trending!.files.every((f) => !f.ok)).toBe(true);
    tmdb.reset();
  });

  it("never throws: a missing bucket variable or a wrong S3 secret come back as a result", async () => {
    const noBucket = await start(env({ TRENDING_BUCKET: "" }));
    const misconfigured = await noBucket.invoke<WarmerResult>(scheduled);
    expect(misconfigured.result).toMatchObject({ ok: false, trending: null, error: expect.stringMatching(/TRENDING_BUCKET is required/) });

    sm.put("wrong-s3", {
      APP_SECRET_KEY: "warmer-test-secret-key-0123456789",
      PRESHARED_PASSWORD: "pw-pw-pw-pw-pw",
      TMDB_API_KEY: tmdb.apiKey,
      ORIGIN_VERIFY_SECRET: "origin",
      BASE_URL: "https://stellarr.example.com",
    });
    // Credentials S3 refuses (SigV4 with another secret): every file is reported, nothing thrown.
    const wrong = await start(env({ SECRET_ID: "wrong-s3", AWS_SECRET_ACCESS_KEY: "not-the-s3rver-secret", TRENDING_LOCALES: "de" }));
    const { result } = await wrong.invoke<WarmerResult>(scheduled);
    expect(result.ok).toBe(false);
    expect(result.trending!.files.every((f) => !f.ok && /SignatureDoesNotMatch/.test(f.error ?? ""))).toBe(true);
    expect((await s3.get(BUCKET, "trending-all-de.json")).status).toBe(404);
  });
});
