/** Stack configuration: parsing, validation errors naming the key, and the stack files documenting every key. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { NAMESPACE, SettingsError, parseSettings, repoRoot, type ConfigSource } from "../settings.js";
import { parseStackConfig, readStackConfig } from "../testing/stack-config.js";

/** A config source over a plain map that records every key the program asks for. */
function source(values: Record<string, string>, secrets: Record<string, string> = {}): ConfigSource & { asked: Set<string> } {
  const asked = new Set<string>();
  return {
    asked,
    get: (k) => (asked.add(k), values[k]),
    getSecret: (k) => (asked.add(k), k in secrets ? pulumi.secret(secrets[k]!) : undefined),
  };
}
const fromFile = (stack: string) =>
  Object.fromEntries(
    Object.entries(readStackConfig(path.join(repoRoot, `Pulumi.${stack}.yaml`)).values)
      .filter(([k]) => k.startsWith(`${NAMESPACE}:`))
      .map(([k, v]) => [k.slice(NAMESPACE.length + 1), v]),
  );

describe("parseSettings", () => {
  it("reads Pulumi.local.yaml as the Docker target with defaults for empty values", () => {
    const s = parseSettings(source(fromFile("local")), { stack: "local" });
    expect(s.target).toBe("docker");
    expect(s.docker).toEqual({
      domain: "localhost",
      httpPort: 80,
      httpsPort: 443,
      acmeEmail: undefined,
      imageName: "stellarr:local",
      caddyImage: "caddy:2.10-alpine",
    });
    expect(s.aws).toBeUndefined();
    expect(s.app).toMatchObject({
      appName: "Stellarr",
      trendingLocales: ["en", "es", "fr", "de"],
      logLevel: "info",
      plexServerName: undefined,
      rateLimitMaxAttempts: undefined,
    });
    expect(s.tags).toEqual({ Project: "stellarr", Stack: "local", ManagedBy: "pulumi" });
  });

  it("reads Pulumi.prod.yaml as the AWS target once the required secrets are set", () => {
    expect(() => parseSettings(source(fromFile("prod")), { stack: "prod" })).toThrow(SettingsError);
    const s = parseSettings(source(fromFile("prod"), { presharedPassword: "pw", tmdbApiKey: "k" }), { stack: "prod" });
    expect(s.target).toBe("aws");
    expect(s.aws).toEqual({
      domain: undefined,
      hostedZoneId: undefined,
      enableWaf: false,
      wafRateLimit: 2000,
      wafAuthRateLimit: 100,
      reservedConcurrency: 10,
      apiMemoryMb: 512,
      apiTimeoutSeconds: 15,
      logRetentionDays: 14,
      forceDestroy: false,
      priceClass: "PriceClass_100",
    });
  });

  it("names every bad key in one error", () => {
    try {
      parseSettings(
        source({
          target: "aws",
          enableWaf: "yes",
          reservedConcurrency: "0",
          domain: "Not A Domain",
          trendingLocales: "en,english",
          logLevel: "loud",
          logRetentionDays: "8",
        }),
        { stack: "prod" },
      );
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SettingsError);
      expect((err as SettingsError).problems).toEqual([
        'stellarr:trendingLocales: "english" is not a locale like en or pt-BR',
        "stellarr:logLevel must be one of debug, info, warn, error",
        "stellarr:presharedPassword is required on AWS: pulumi config set --secret presharedPassword <password>",
        "stellarr:tmdbApiKey is required on AWS (the demo catalogue is for SQLite shapes): pulumi config set --secret tmdbApiKey <key>",
        "stellarr:domain must be a DNS name such as stellarr.example.com",
        "stellarr:enableWaf must be true or false",
        "stellarr:reservedConcurrency must be an integer from 1 to 1000",
        "stellarr:logRetentionDays must be one of 1, 3, 5, 7, 14, 30, 60, 90, 180, 365",
        "stellarr:domain and stellarr:hostedZoneId must be set together (the certificate is validated through the hosted zone)",
      ]);
    }
  });

  it("caps apiTimeoutSeconds at 55: CloudFront's origin response timeout is derived from it (+5 s) and may not pass 60", () => {
    const prod = (timeout: string) =>
      parseSettings(source({ target: "aws", apiTimeoutSeconds: timeout }, { presharedPassword: "pw", tmdbApiKey: "k" }), { stack: "prod" });
    expect(prod("55").aws?.apiTimeoutSeconds).toBe(55);
    expect(() => prod("56")).toThrow("stellarr:apiTimeoutSeconds must be an integer from 3 to 55");
    expect(() => prod("60")).toThrow("stellarr:apiTimeoutSeconds must be an integer from 3 to 55");
  });

  it("rejects an unknown target and a bad port", () => {
    expect(() => parseSettings(source({ target: "gcp" }), { stack: "x" })).toThrow("stellarr:target must be one of aws, docker");
    expect(() => parseSettings(source({ httpsPort: "70000" }), { stack: "x" })).toThrow(
      "stellarr:httpsPort must be an integer from 1 to 65535",
    );
  });

  it.each(["local", "prod"])("Pulumi.%s.yaml documents every key the program reads for its target", (stack) => {
    const values = fromFile(stack);
    const src = source(values, stack === "prod" ? { presharedPassword: "pw", tmdbApiKey: "k" } : {});
    parseSettings(src, { stack });
    const text = readFileSync(path.join(repoRoot, `Pulumi.${stack}.yaml`), "utf8");
    for (const key of src.asked) {
      // Plain keys are present with a value or placeholder; secret keys are documented in comments.
      expect(key in values || text.includes(`#   ${NAMESPACE}:${key}`), `${NAMESPACE}:${key} in Pulumi.${stack}.yaml`).toBe(true);
    }
    // …and nothing in the file is ignored by the program.
    for (const key of Object.keys(values)) expect(src.asked.has(key), `${key} is read`).toBe(true);
  });
});

describe("stack file parser", () => {
  it("reads flat values, quotes and encrypted entries", () => {
    const parsed = parseStackConfig(
      `# c\nconfig:\n  a:b: x # note\n  a:c: "q \\"s\\""\n  a:d: ''\n  a:e:\n    secure: v1:abc\nother:\n  z: 1\n`,
    );
    expect(parsed).toEqual({ values: { "a:b": "x", "a:c": 'q "s"', "a:d": "" }, encrypted: ["a:e"] });
  });
});
