import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createS3TrendingSink } from "../../../src/adapters/trending/s3-sink.js";
import { runTrendingWarmer } from "../../../src/app/trending/warm.js";
import { nullLogger } from "../../../src/adapters/log/null-logger.js";
import { startS3Fake, type S3Fake } from "@stellarr/testkit/fakes/s3";
import { fixedClock, trendingDouble } from "../../support/trending-catalogue.js";

let s3: S3Fake;
beforeAll(async () => {
  s3 = await startS3Fake({ buckets: ["trending"] });
});
afterAll(async () => {
  await s3?.close();
});

describe("S3 trending sink (SigV4-verifying S3)", () => {
  it("PUTs signed objects with the JSON content type and an hour of caching", async () => {
    const sink = createS3TrendingSink({ bucket: "trending", region: s3.region, endpoint: s3.endpoint, credentials: s3.credentials });
    expect(await sink.modifiedAt("trending-all-xx.json")).toBeNull();
    await sink.write("trending-all-xx.json", '{"generated_at":"t","results":[]}');
    const res = await s3.get("trending", "trending-all-xx.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(await res.text()).toBe('{"generated_at":"t","results":[]}');
    const modified = await sink.modifiedAt("trending-all-xx.json");
    expect(modified).toBeGreaterThan(Date.now() - 3_600_000);
  });

  it("is rejected by S3 with a wrong secret, and the warmer reports it per file", async () => {
    const sink = createS3TrendingSink({
      bucket: "trending",
      region: s3.region,
      endpoint: s3.endpoint,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "not-the-secret" },
    });
    await expect(sink.write("trending-tv-xx.json", "{}")).rejects.toThrow(/HTTP 403 SignatureDoesNotMatch/);
    expect((await s3.get("trending", "trending-tv-xx.json")).status).toBe(404);

    const result = await runTrendingWarmer({
      catalogue: trendingDouble(),
      sink,
      locales: ["yy"],
      logger: nullLogger,
      clock: fixedClock(),
    });
    expect(result.ok).toBe(false);
    expect(result.files.map((f) => f.ok)).toEqual([false, false, false]);
    expect(result.files[0]!.error).toContain("SignatureDoesNotMatch");
    expect(result.files[0]!.error).not.toContain("not-the-secret");
    expect((await s3.get("trending", "trending-all-yy.json")).status).toBe(404);
  });
});
