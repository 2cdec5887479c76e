import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
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
      webhookToken: null,
      trustProxy: { mode: "none" },
      rateLimitMaxAttempts: 5,
      rateLimitWindowSeconds: 900,
      apiRateLimitPerMinute: 300,
      trendingLocales: ["en", "es", "fr", "de"],
      appName: "Stellarr",
      logLevel: "info",
    });
  });

  it("WEBHOOK_TOKEN, or its older name PLEX_WEBHOOK_TOKEN; both with different values is refused naming both", () => {
    expect(parseConfig({ ...base, WEBHOOK_TOKEN: "new" }, "embedded").webhookToken).toBe("new");
    expect(parseConfig({ ...base, PLEX_WEBHOOK_TOKEN: "old" }, "embedded").webhookToken).toBe("old");
    expect(parseConfig({ ...base, WEBHOOK_TOKEN: "same", PLEX_WEBHOOK_TOKEN: "same" }, "embedded").webhookToken).toBe("same");
    expect(parseConfig({ ...base, WEBHOOK_TOKEN: "", PLEX_WEBHOOK_TOKEN: "old" }, "embedded").webhookToken).toBe("old");
    expect(() => parseConfig({ ...base, WEBHOOK_TOKEN: "a", PLEX_WEBHOOK_TOKEN: "b" }, "embedded")).toThrow(
      "Invalid configuration: WEBHOOK_TOKEN and PLEX_WEBHOOK_TOKEN (its older name) are both set, to different values: set only WEBHOOK_TOKEN",
    );
    const c = parseConfig({ ...base, JELLYFIN_SERVER_ID: "abc", EMBY_SERVER_ID: " " }, "embedded");
    expect(c).toMatchObject({ jellyfinServerId: "abc", embyServerId: null });
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

describe("loadNodeConfig: a hand-edited secrets.json", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });
  const withSecrets = async (text: string, mode = 0o600) => {
    const cwd = await mkdtemp(join(tmpdir(), "stellarr-cfg-"));
    dirs.push(cwd);
    await mkdir(join(cwd, "data"));
    const file = join(cwd, "data", "secrets.json");
    await writeFile(file, text, { mode });
    await chmod(file, mode);
    return { cwd, file };
  };
  const PASSWORD = "hunter2-do-not-print";

  it.each([
    ["a syntax error", `{\n  "PRESHARED_PASSWORD": "${PASSWORD}"\n  "APP_SECRET_KEY": "x"\n}\n`, /is not valid JSON/],
    ["an empty file", "", /is not valid JSON/],
    ["null", "null", /must hold one JSON object whose values are all strings/],
    ["an array", `["${PASSWORD}"]`, /must hold one JSON object/],
    ["a string", `"${PASSWORD}"`, /must hold one JSON object/],
    ["a number value", `{"PRESHARED_PASSWORD": "${PASSWORD}", "APP_SECRET_KEY": 12345}`, /values are all strings/],
    ["a null value", `{"PRESHARED_PASSWORD": null, "APP_SECRET_KEY": "${PASSWORD}"}`, /values are all strings/],
    ["a nested object", `{"PRESHARED_PASSWORD": {"value": "${PASSWORD}"}}`, /values are all strings/],
  ])("refuses %s in one line naming the file, without its content, and leaves the file alone", async (_label, text, expected) => {
    const { cwd, file } = await withSecrets(text);
    let error: unknown;
    try {
      loadNodeConfig({}, cwd);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(expected);
    expect(message).toContain(file);
    expect(message).not.toContain("\n");
    expect(message).not.toContain(PASSWORD);
    // Nothing regenerated over it.
    expect(await readFile(file, "utf8")).toBe(text);
  });

  it("narrows a secrets file readable by others to 0600 and reports it, keeping its values", async () => {
    const { cwd, file } = await withSecrets(JSON.stringify({ PRESHARED_PASSWORD: PASSWORD }), 0o644);
    const loaded = loadNodeConfig({}, cwd);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(loaded.looseSecrets).toEqual({ file, was: "644", tightened: true });
    expect(loaded.config.presharedPassword).toBe(PASSWORD);
    expect(loaded.generatedPassword).toBeNull();
    expect(loadNodeConfig({}, cwd).looseSecrets).toBeNull();
  });

  it("keeps the password of a valid file on every start", async () => {
    const { cwd } = await withSecrets(JSON.stringify({ PRESHARED_PASSWORD: PASSWORD }));
    for (let i = 0; i < 2; i++) expect(loadNodeConfig({}, cwd).config.presharedPassword).toBe(PASSWORD);
  });
});

describe("loadNodeConfig: an unusable DATA_DIR", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it("names a DATA_DIR that is a file, or lies under one", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "stellarr-cfg-"));
    dirs.push(cwd);
    await writeFile(join(cwd, "file"), "x");
    for (const dataDir of [join(cwd, "file"), join(cwd, "file", "data")]) {
      expect(() => loadNodeConfig({ DATA_DIR: dataDir }, cwd)).toThrow(`Invalid configuration: DATA_DIR ${dataDir} is not a directory`);
    }
  });
});
