/**
 * Property-based fuzzing of the public inputs the API owns directly: login bodies, search and
 * request bodies, path parameters, query strings and tokens. Properties: never a 5xx, every error
 * is the JSON error model, and a rejected input writes nothing. (Webhook and sync bodies have their
 * own properties in test/api/plex-properties.test.ts and sync-robustness.test.ts.)
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import { storeFactories } from "@stellarr/testkit/stores";

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

async function expectWellFormed(res: Response): Promise<void> {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = await res.json();
    expect(typeof body.detail).toBe("string");
    expect(typeof body.code).toBe("string");
  } else {
    await res.arrayBuffer();
  }
}

const jsonish = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record(
    {
      query: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      media_type: fc.oneof(fc.constantFrom("movie", "tv", "person", ""), fc.integer()),
      page: fc.oneof(fc.integer(), fc.double(), fc.string()),
      language: fc.oneof(fc.string(), fc.constant("fr-FR")),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      tmdb_id: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null), fc.bigInt().map(String)),
      media_type: fc.oneof(fc.constantFrom("movie", "tv", "MOVIE", ""), fc.integer()),
    },
    { requiredKeys: [] },
  ),
);

describe.each(storeFactories)("fuzzing public inputs ($name)", (factory) => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  let token: string;
  beforeAll(async () => {
    const made = await factory.create();
    cleanup = made.cleanup;
    t = await createTestApp({ store: made.store });
    token = t.login("fuzzer");
  });
  afterAll(async () => {
    await t.close();
    await cleanup();
  });

  const snapshot = async () =>
    JSON.stringify([await t.store.allRequests(), await t.store.libraryIds("movie"), await t.store.libraryIds("tv")]);

  it("auth verify: arbitrary bodies never give a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          jsonish.map((v) => JSON.stringify(v)),
          fc.string({ maxLength: 300 }),
        ),
        async (body) => {
          await expectWellFormed(
            await t.request("/api/auth/verify", {
              method: "POST",
              body,
              headers: { "content-type": "application/json" },
              remoteAddress: "192.0.2.1",
            }),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("search: arbitrary bodies never give a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(jsonish, async (body) => {
        await expectWellFormed(await t.request("/api/search", { json: body, token }));
      }),
      { numRuns: RUNS },
    );
  });

  it("request creation: invalid bodies give 4xx and write nothing", async () => {
    await fc.assert(
      fc.asyncProperty(jsonish, async (body) => {
        const before = await snapshot();
        const res = await t.request("/api/request", { json: body, token });
        await expectWellFormed(res);
        if (res.status !== 201) expect(await snapshot()).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it("path parameters and query strings never give a 5xx", async () => {
    const segment = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom("movie", "tv", "0", "-1", "1e3", "9".repeat(30), "%", "..", "%00"),
    );
    await fc.assert(
      fc.asyncProperty(
        segment,
        segment,
        fc.dictionary(fc.constantFrom("media_type", "status", "limit", "cursor", "token", "endpoint"), fc.string({ maxLength: 40 })),
        async (a, b, query) => {
          const enc = (s: string) => encodeURIComponent(s);
          const qs = new URLSearchParams(query).toString();
          await expectWellFormed(await t.request(`/api/request/${enc(a)}/${enc(b)}`, { method: "DELETE", token }));
          await expectWellFormed(await t.request(`/api/requests?${qs}`, { token }));
          await expectWellFormed(await t.request(`/list/radarr?${qs}`));
          await expectWellFormed(await t.request(`/api/push/status?${qs}`, { token }));
          await expectWellFormed(await t.request(`/trending-${enc(a)}-${enc(b)}.json`));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("tokens: arbitrary Authorization headers give 401, never a 5xx", async () => {
    const headerSafe = fc.string({ maxLength: 600, unit: fc.constantFrom(..."ABCabc0123456789.-_=+/ é\u00ff\t".split("")) });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          headerSafe,
          headerSafe.map((s) => `Bearer ${s}`),
          fc.constant(`Bearer ${"a".repeat(10_240)}`),
        ),
        async (header) => {
          const res = await t.request("/api/requests", { headers: { authorization: header } });
          expect(res.status).toBe(401);
          await expectWellFormed(res);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
