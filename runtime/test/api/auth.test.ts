import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deriveLoginKey, loginProof } from "../../src/domain/auth/challenge.js";
import { sessionKey, signToken } from "../../src/domain/auth/token.js";
import { createApp } from "../../src/http/app.js";
import { createTestApp, TEST_ORIGIN, TEST_PASSWORD, type TestApp } from "@stellarr/testkit/app";
import { storeFactories } from "@stellarr/testkit/stores";
import type { Config } from "../../src/config/types.js";

const keys = new Map<string, string>();
const keyFor = (password: string, origin: string) => {
  const k = `${password}\0${origin}`;
  if (!keys.has(k)) keys.set(k, deriveLoginKey(password, origin));
  return keys.get(k)!;
};

async function challenge(t: TestApp): Promise<string> {
  const res = await t.request("/api/auth/params");
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body.iterations).toBe(100000);
  expect(body.expires_in).toBe(300);
  return body.challenge;
}

function verify(t: TestApp, body: Record<string, unknown>, init: { remoteAddress?: string; headers?: Record<string, string> } = {}) {
  return t.request("/api/auth/verify", { json: body, ...init });
}

async function login(
  t: TestApp,
  opts: { password?: string; origin?: string; name?: string; remoteAddress?: string; headers?: Record<string, string> } = {},
) {
  const c = await challenge(t);
  const origin = opts.origin ?? TEST_ORIGIN;
  return verify(
    t,
    { origin, challenge: c, hash: loginProof(keyFor(opts.password ?? TEST_PASSWORD, origin), c), name: opts.name ?? "alice" },
    { remoteAddress: opts.remoteAddress, headers: opts.headers },
  );
}

describe.each(storeFactories)("authentication ($name)", (factory) => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  const make = async (config: Partial<Config> = {}) => {
    const made = await factory.create();
    cleanup = made.cleanup;
    t = await createTestApp({ store: made.store, config: { rateLimitMaxAttempts: 3, ...config } });
  };
  beforeEach(async () => make());
  afterEach(async () => {
    await t.close();
    await cleanup();
  });

  it("logs in with the challenge proof and returns a working token", async () => {
    const res = await login(t, { name: "  Zoë  " });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ valid: true, name: "Zoë" });
    expect(body.token.split(".")).toHaveLength(3);
    const feeds = await t.request("/api/feeds", { token: body.token });
    expect(feeds.status).not.toBe(401);
  });

  it("refuses a replayed challenge", async () => {
    const c = await challenge(t);
    const body = { origin: TEST_ORIGIN, challenge: c, hash: loginProof(keyFor(TEST_PASSWORD, TEST_ORIGIN), c), name: "alice" };
    expect((await verify(t, body)).status).toBe(200);
    const again = await verify(t, body);
    expect(again.status).toBe(401);
    expect((await again.json()).code).toBe("challenge_used");
  });

  it("consumes the challenge even when a later check fails", async () => {
    const c = await challenge(t);
    const wrong = await verify(t, { origin: TEST_ORIGIN, challenge: c, hash: "0".repeat(64), name: "alice" });
    expect((await wrong.json()).code).toBe("invalid_credentials");
    const right = await verify(t, {
      origin: TEST_ORIGIN,
      challenge: c,
      hash: loginProof(keyFor(TEST_PASSWORD, TEST_ORIGIN), c),
      name: "alice",
    });
    expect((await right.json()).code).toBe("challenge_used");
  });

  it("refuses expired, forged and altered challenges", async () => {
    const c = await challenge(t);
    t.clock.advance(301_000);
    const expired = await verify(t, {
      origin: TEST_ORIGIN,
      challenge: c,
      hash: loginProof(keyFor(TEST_PASSWORD, TEST_ORIGIN), c),
      name: "a",
    });
    expect((await expired.json()).code).toBe("challenge_invalid");
    const fresh = await challenge(t);
    const parts = fresh.split(".");
    parts[1] = String(Number(parts[1]) + 100); // extend the expiry
    const altered = parts.join(".");
    for (const bad of [altered, "c1.9999999999.AAAAAAAAAAAAAAAAAAAAAAAA." + "A".repeat(43), "garbage", "é".repeat(30)]) {
      const res = await verify(t, {
        origin: TEST_ORIGIN,
        challenge: bad,
        hash: loginProof(keyFor(TEST_PASSWORD, TEST_ORIGIN), bad),
        name: "a",
      });
      expect(res.status).toBe(401);
      expect((await res.json()).code).toBe("challenge_invalid");
    }
  });

  it("refuses a foreign origin", async () => {
    const res = await login(t, { origin: "https://evil.example" });
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe("origin_mismatch");
  });

  it("counts wrong passwords, not name errors, and then answers 429 even for the right password", async () => {
    const bad = await login(t, { name: "" });
    expect(bad.status).toBe(422);
    expect((await bad.json()).code).toBe("validation_failed");
    const ctrl = await login(t, { name: "a\u0007b" });
    expect(ctrl.status).toBe(422);
    const long = await login(t, { name: "x".repeat(51) });
    expect(long.status).toBe(422);
    for (let i = 0; i < 3; i++) expect((await login(t, { password: "wrong" })).status).toBe(401);
    const blocked = await login(t);
    expect(blocked.status).toBe(429);
    expect((await blocked.json()).code).toBe("rate_limited");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(800);
    // Other clients are unaffected; the window ends 900 s after the first failure.
    expect((await login(t, { remoteAddress: "10.0.0.9" })).status).toBe(200);
    t.clock.advance(900_001);
    expect((await login(t)).status).toBe(200);
  });

  it("clears the failure count on success", async () => {
    for (let i = 0; i < 2; i++) await login(t, { password: "wrong" });
    expect((await login(t)).status).toBe(200);
    for (let i = 0; i < 2; i++) await login(t, { password: "wrong" });
    expect((await login(t)).status).toBe(200);
  });

  it("keys IPv6 clients by /64", async () => {
    for (let i = 0; i < 3; i++) await login(t, { password: "wrong", remoteAddress: `2001:db8:1:2::${i + 1}` });
    expect((await login(t, { remoteAddress: "2001:db8:1:2:ffff::1" })).status).toBe(429);
    expect((await login(t, { remoteAddress: "2001:db8:1:3::1" })).status).toBe(200);
  });

  it("ignores a spoofed X-Forwarded-For under TRUST_PROXY=none", async () => {
    for (let i = 0; i < 3; i++) await login(t, { password: "wrong", headers: { "x-forwarded-for": `198.51.100.${i}` } });
    expect((await login(t, { headers: { "x-forwarded-for": "198.51.100.77" } })).status).toBe(429);
  });

  it("honours X-Forwarded-For under x-forwarded-for:1", async () => {
    await t.close();
    await cleanup();
    await make({ trustProxy: { mode: "x-forwarded-for", hops: 1 } });
    for (let i = 0; i < 3; i++) await login(t, { password: "wrong", headers: { "x-forwarded-for": "6.6.6.6, 198.51.100.1" } });
    expect((await login(t, { headers: { "x-forwarded-for": "198.51.100.1" } })).status).toBe(429);
    // The left-most (client-controlled) entry does not matter; the proxy-appended one does.
    expect((await login(t, { headers: { "x-forwarded-for": "6.6.6.6, 198.51.100.2" } })).status).toBe(200);
  });

  it("uses the forwarded host as the login origin behind a trusted proxy", async () => {
    await t.close();
    await cleanup();
    await make({ trustProxy: { mode: "x-forwarded-for", hops: 1 } });
    const headers = { "x-forwarded-for": "198.51.100.1", "x-forwarded-host": "media.example.org", "x-forwarded-proto": "https" };
    expect((await login(t, { origin: "https://media.example.org", headers })).status).toBe(200);
    expect((await login(t, { origin: TEST_ORIGIN, headers })).status).toBe(401);
  });

  it("checks BASE_URL's origin when set", async () => {
    await t.close();
    await cleanup();
    await make({ baseUrl: "https://stellarr.example.com" });
    expect((await login(t, { origin: "https://stellarr.example.com" })).status).toBe(200);
    expect((await (await login(t)).json()).code).toBe("origin_mismatch");
  });

  describe("tokens", () => {
    const protectedPath = "/api/feeds";
    it("rejects missing, malformed, forged, non-ASCII and huge tokens with 401", async () => {
      expect((await (await t.request(protectedPath)).json()).code).toBe("unauthorized");
      const good = t.login("alice");
      const [ts, name] = good.split(".");
      const cases = [
        "garbage",
        `${ts}.${name}.${"A".repeat(43)}`,
        `${ts}.${Buffer.from("mallory").toString("base64url")}.${good.split(".")[2]}`,
        `${ts}.${good.split(".")[2]}`, // legacy two-part token
        `${good}é`,
        "ü".repeat(40),
        "a".repeat(10_240),
        `${good}.extra`,
      ];
      for (const token of cases) {
        const res = await t.request(protectedPath, { headers: { authorization: `Bearer ${token}` } });
        expect(res.status, token.slice(0, 40)).toBe(401);
      }
      expect((await t.request(protectedPath, { headers: { authorization: `Basic ${good}` } })).status).toBe(401);
    });

    it("expires tokens after 30 days and rejects future timestamps", async () => {
      const key = sessionKey(t.deps.config.appSecretKey, t.deps.config.presharedPassword);
      const now = Math.floor(t.clock.now() / 1000);
      const old = signToken(key, "alice", now - 30 * 86400 - 1);
      const res = await t.request(protectedPath, { token: old });
      expect(res.status).toBe(401);
      expect((await res.json()).code).toBe("token_expired");
      expect((await t.request(protectedPath, { token: signToken(key, "alice", now - 29 * 86400) })).status).not.toBe(401);
      expect((await t.request(protectedPath, { token: signToken(key, "alice", now + 301) })).status).toBe(401);
      expect((await t.request(protectedPath, { token: signToken(key, "alice", now + 200) })).status).not.toBe(401);
    });

    it("signs everyone out when the password changes", async () => {
      const token = t.login("alice");
      const changed = createApp({ ...t.deps, config: { ...t.deps.config, presharedPassword: "new password" } });
      const res = await changed.fetch(new Request(`${TEST_ORIGIN}${protectedPath}`, { headers: { authorization: `Bearer ${token}` } }));
      expect(res.status).toBe(401);
    });

    it("protects every non-public route with a verified token", async () => {
      const PUBLIC = [
        /^\/api\/health$/,
        /^\/api\/ready$/,
        /^\/config\.json$/,
        /^\/manifest\.webmanifest$/,
        /^\/api\/openapi\.json$/,
        /^\/api\/auth\//,
        /^\/list\//,
        /^\/webhook\//,
        /^\/sync\//,
      ];
      const routes = t.app.routes().filter((r) => !PUBLIC.some((p) => p.test(r.path)));
      expect(routes.length).toBeGreaterThan(0);
      const key = sessionKey("another-secret-0123456789", TEST_PASSWORD);
      const forged = signToken(key, "alice", Math.floor(t.clock.now() / 1000));
      for (const route of routes) {
        const path = route.path.replace(/:(\w+)/g, (_m, p) => (p === "media_type" ? "movie" : "1"));
        for (const auth of [undefined, `Bearer ${forged}`]) {
          const headers: Record<string, string> = { "content-type": "application/json" };
          if (auth) headers.authorization = auth;
          const res = await t.request(path, {
            method: route.method,
            headers,
            body: ["GET", "HEAD"].includes(route.method) ? undefined : "{}",
          });
          expect(res.status, `${route.method} ${route.path}`).toBe(401);
        }
      }
    });
  });
});
