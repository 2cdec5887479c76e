import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseDotenv } from "../../src/config/dotenv.js";
import { loadNodeConfig } from "../../src/config/load.js";
import { ConfigError, parseConfig } from "../../src/config/parse.js";

const base = { APP_SECRET_KEY: "0123456789abcdef0123", PRESHARED_PASSWORD: "pw" };

describe("parseConfig", () => {
  it("applies the documented defaults", () => {
    const c = parseConfig(base, "embedded");
    expect(c).toMatchObject({
      port: 8080,
      host: "127.0.0.1",
      baseUrl: null,
      tmdbApiKey: null,
      tmdbBaseUrl: "https://api.themoviedb.org/3",
      feedToken: null,
      plexWebhookToken: null,
      trustProxy: { mode: "none" },
      rateLimitMaxAttempts: 5,
      rateLimitWindowSeconds: 900,
      apiRateLimitPerMinute: 300,
      trendingLocales: ["en", "es", "fr", "de"],
      appName: "Stellarr",
      logLevel: "info",
    });
  });

  it("treats empty optional values as unset and fails closed on empty secrets", () => {
    expect(parseConfig({ ...base, FEED_TOKEN: "", TMDB_API_KEY: "  " }, "embedded")).toMatchObject({ feedToken: null, tmdbApiKey: null });
    expect(() => parseConfig({ ...base, PRESHARED_PASSWORD: "" }, "embedded")).toThrow(/PRESHARED_PASSWORD is required/);
  });

  it("names every bad variable", () => {
    try {
      parseConfig(
        {
          ...base,
          PORT: "http",
          TRUST_PROXY: "yes",
          TRENDING_LOCALES: "en,EN_us",
          BASE_URL: "ftp://x",
          LOG_LEVEL: "loud",
          VAPID_PUBLIC_KEY: "abc",
        },
        "embedded",
      );
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const text = (err as ConfigError).problems.join("\n");
      for (const name of ["PORT", "TRUST_PROXY", "TRENDING_LOCALES", "BASE_URL", "LOG_LEVEL", "VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY"])
        expect(text).toContain(name);
    }
  });

  it("parses BASE_URL, TRUST_PROXY and the VAPID subject", () => {
    const c = parseConfig({ ...base, BASE_URL: "https://media.example.com/", TRUST_PROXY: "x-forwarded-for:2" }, "embedded");
    expect(c.baseUrl).toBe("https://media.example.com");
    expect(c.trustProxy).toEqual({ mode: "x-forwarded-for", hops: 2 });
    expect(parseConfig({ ...base, TRUST_PROXY: "cloudfront" }, "embedded").trustProxy).toEqual({ mode: "cloudfront" });
    expect(() => parseConfig({ ...base, BASE_URL: "https://x.example/sub" }, "embedded")).toThrow(/BASE_URL/);
  });

  it("requires ORIGIN_VERIFY_SECRET on AWS", () => {
    expect(() => parseConfig(base, "aws")).toThrow(/ORIGIN_VERIFY_SECRET/);
    expect(parseConfig({ ...base, ORIGIN_VERIFY_SECRET: "s" }, "aws").originVerifySecret).toBe("s");
  });
});

describe("parseDotenv", () => {
  it("reads keys, quotes, comments and export", () => {
    expect(parseDotenv(`# c\nA=1\nexport B="two words"\nC='x#y'\nD=plain # trailing\nbad line\n`)).toEqual({
      A: "1",
      B: "two words",
      C: "x#y",
      D: "plain",
    });
  });
});

describe("loadNodeConfig", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });
  const tmp = async () => {
    const d = await mkdtemp(join(tmpdir(), "stellarr-cfg-"));
    dirs.push(d);
    return d;
  };

  it("generates secrets once into DATA_DIR with mode 0600 and reports the password only the first time", async () => {
    const cwd = await tmp();
    const first = loadNodeConfig({}, cwd);
    expect(first.config.dataDir).toBe(join(cwd, "data"));
    expect(first.generatedPassword).toBe(first.config.presharedPassword);
    expect(first.config.vapid?.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(Buffer.from(first.config.vapid!.privateKey, "base64url")).toHaveLength(32);
    const file = join(cwd, "data", "secrets.json");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const second = loadNodeConfig({}, cwd);
    expect(second.generatedPassword).toBeNull();
    expect(second.config.presharedPassword).toBe(first.config.presharedPassword);
    expect(second.config.appSecretKey).toBe(first.config.appSecretKey);
  });

  it("gives the environment precedence over .env over generated values", async () => {
    const cwd = await tmp();
    await writeFile(join(cwd, ".env"), "PRESHARED_PASSWORD=from-dotenv\nAPP_NAME=Dotenv\nFEED_TOKEN=dot\n");
    const c = loadNodeConfig({ APP_NAME: "Env", FEED_TOKEN: "" }, cwd).config;
    expect(c.presharedPassword).toBe("from-dotenv");
    expect(c.appName).toBe("Env");
    // Empty in the environment means unset, so .env's value applies.
    expect(c.feedToken).toBe("dot");
    const stored = JSON.parse(await readFile(join(cwd, "data", "secrets.json"), "utf8"));
    expect(stored.PRESHARED_PASSWORD).toBeUndefined();
  });
});
