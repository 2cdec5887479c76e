/**
 * Stack configuration (`stellarr:` namespace): one typed, validated object for the whole program.
 *
 * Pure: `parseSettings` takes a config source, so it is tested without the Pulumi engine. Every
 * error names the config key. For optional values empty means unset (product.md §2); secret values
 * stay Pulumi secrets end to end, so their emptiness is checked where they are used (in an apply).
 */
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type * as pulumi from "@pulumi/pulumi";
import { MAX_API_TIMEOUT_SECONDS } from "./aws/builders/cloudfront.js";

export type Target = "aws" | "docker";

/** What a config source must answer; `pulumi.Config` satisfies it, tests pass a map. */
export interface ConfigSource {
  get(key: string): string | undefined;
  getSecret(key: string): pulumi.Output<string> | undefined;
}

/** Settings the runtime gets, whatever the target. */
export interface AppSettings {
  appName: string;
  trendingLocales: string[];
  logLevel: "debug" | "info" | "warn" | "error";
  plexServerName: string | undefined;
  rateLimitMaxAttempts: number | undefined;
  rateLimitWindowSeconds: number | undefined;
  apiRateLimitPerMinute: number | undefined;
  /** Config secrets (may hold ""; empty means unset). */
  secrets: {
    presharedPassword: pulumi.Output<string> | undefined;
    tmdbApiKey: pulumi.Output<string> | undefined;
    tvdbApiKey: pulumi.Output<string> | undefined;
    feedToken: pulumi.Output<string> | undefined;
    plexWebhookToken: pulumi.Output<string> | undefined;
  };
}

export interface DockerSettings {
  /** `localhost` → Caddy's internal CA; a real name → automatic HTTPS (Let's Encrypt/ZeroSSL). */
  domain: string;
  httpPort: number;
  httpsPort: number;
  acmeEmail: string | undefined;
  imageName: string;
  caddyImage: string;
}

export interface AwsSettings {
  /** Custom domain; with `hostedZoneId` the stack issues an ACM certificate and A/AAAA records. */
  domain: string | undefined;
  hostedZoneId: string | undefined;
  enableWaf: boolean;
  wafRateLimit: number;
  wafAuthRateLimit: number;
  reservedConcurrency: number;
  apiMemoryMb: number;
  /**
   * The API function's timeout: above the runtime's own per-invocation deadline (remaining time minus a
   * margin), and below CloudFront's origin response timeout, which is derived from it (+5 s), hence at
   * most 55 (aws/builders/cloudfront.ts, docs/deploy-aws.md).
   */
  apiTimeoutSeconds: number;
  logRetentionDays: number;
  forceDestroy: boolean;
  priceClass: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
}

/** Build outputs the program deploys; overridable so tests can point at fixtures. */
export interface BuildPaths {
  root: string;
  dockerfile: string;
  uiDist: string;
  apiBundle: string;
  warmerBundle: string;
}

export interface StackSettings {
  /** Prefix of every physical name; also the component names' root. */
  name: string;
  target: Target;
  app: AppSettings;
  docker: DockerSettings | undefined;
  aws: AwsSettings | undefined;
  paths: BuildPaths;
  tags: Record<string, string>;
}

export class SettingsError extends Error {
  override readonly name = "SettingsError";
  constructor(readonly problems: string[]) {
    super(`Invalid stack configuration:\n  - ${problems.join("\n  - ")}`);
  }
}

export const NAMESPACE = "stellarr";
const LOCALE = /^[a-z]{2}(-[A-Z]{2})?$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const RESOURCE_NAME = /^[a-z][a-z0-9-]{1,20}$/;

/** Repository root: this file lives in `<root>/stacks/`. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function defaultPaths(root = repoRoot): BuildPaths {
  return {
    root,
    dockerfile: path.join(root, "Dockerfile"),
    uiDist: path.join(root, "ui", "dist"),
    apiBundle: path.join(root, "runtime", "dist", "lambda", "api"),
    warmerBundle: path.join(root, "runtime", "dist", "lambda", "warmer"),
  };
}

export function parseSettings(source: ConfigSource, opts: { stack: string; paths?: BuildPaths }): StackSettings {
  const problems: string[] = [];
  const key = (k: string) => `${NAMESPACE}:${k}`;
  const opt = (k: string): string | undefined => {
    const v = source.get(k)?.trim();
    return v ? v : undefined;
  };
  const int = (k: string, def: number, min: number, max: number): number => {
    const v = opt(k);
    if (v === undefined) return def;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      problems.push(`${key(k)} must be an integer from ${min} to ${max}`);
      return def;
    }
    return Number(v);
  };
  const optInt = (k: string, min: number, max: number): number | undefined => (opt(k) === undefined ? undefined : int(k, min, min, max));
  const bool = (k: string, def: boolean): boolean => {
    const v = opt(k)?.toLowerCase();
    if (v === undefined) return def;
    if (v === "true") return true;
    if (v === "false") return false;
    problems.push(`${key(k)} must be true or false`);
    return def;
  };
  const oneOf = <T extends string>(k: string, values: readonly T[], def: T): T => {
    const v = opt(k);
    if (v === undefined) return def;
    if ((values as readonly string[]).includes(v)) return v as T;
    problems.push(`${key(k)} must be one of ${values.join(", ")}`);
    return def;
  };
  const domain = (k: string): string | undefined => {
    const v = opt(k)?.toLowerCase();
    if (v !== undefined && !DOMAIN.test(v)) problems.push(`${key(k)} must be a DNS name such as stellarr.example.com`);
    return v;
  };

  const target = oneOf<Target>("target", ["aws", "docker"], "docker");
  const name = opt("name") ?? "stellarr";
  if (!RESOURCE_NAME.test(name)) problems.push(`${key("name")} must be 2–21 lowercase letters, digits or dashes, starting with a letter`);

  const locales = (opt("trendingLocales") ?? "en,es,fr,de")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const l of locales) if (!LOCALE.test(l)) problems.push(`${key("trendingLocales")}: "${l}" is not a locale like en or pt-BR`);
  const appName = opt("appName") ?? "Stellarr";
  if (appName.length > 60) problems.push(`${key("appName")} must be at most 60 characters`);

  const app: AppSettings = {
    appName,
    trendingLocales: [...new Set(locales)],
    logLevel: oneOf("logLevel", ["debug", "info", "warn", "error"] as const, "info"),
    plexServerName: opt("plexServerName"),
    rateLimitMaxAttempts: optInt("rateLimitMaxAttempts", 1, 1000),
    rateLimitWindowSeconds: optInt("rateLimitWindowSeconds", 1, 86_400),
    apiRateLimitPerMinute: optInt("apiRateLimitPerMinute", 0, 100_000),
    secrets: {
      presharedPassword: source.getSecret("presharedPassword"),
      tmdbApiKey: source.getSecret("tmdbApiKey"),
      tvdbApiKey: source.getSecret("tvdbApiKey"),
      feedToken: source.getSecret("feedToken"),
      plexWebhookToken: source.getSecret("plexWebhookToken"),
    },
  };

  let docker: DockerSettings | undefined;
  let aws: AwsSettings | undefined;
  if (target === "docker") {
    docker = {
      domain: domain("domain") ?? "localhost",
      httpPort: int("httpPort", 80, 1, 65535),
      httpsPort: int("httpsPort", 443, 1, 65535),
      acmeEmail: opt("acmeEmail"),
      imageName: opt("imageName") ?? "stellarr:local",
      caddyImage: opt("caddyImage") ?? "caddy:2.10-alpine",
    };
    if (docker.acmeEmail !== undefined && !/^[^\s@]+@[^\s@]+$/.test(docker.acmeEmail))
      problems.push(`${key("acmeEmail")} must be an e-mail address`);
  } else {
    if (app.secrets.presharedPassword === undefined) {
      problems.push(`${key("presharedPassword")} is required on AWS: pulumi config set --secret presharedPassword <password>`);
    }
    if (app.secrets.tmdbApiKey === undefined) {
      problems.push(
        `${key("tmdbApiKey")} is required on AWS (the demo catalogue is for SQLite shapes): pulumi config set --secret tmdbApiKey <key>`,
      );
    }
    aws = {
      domain: domain("domain"),
      hostedZoneId: opt("hostedZoneId"),
      enableWaf: bool("enableWaf", false),
      wafRateLimit: int("wafRateLimit", 2000, 10, 2_000_000_000),
      wafAuthRateLimit: int("wafAuthRateLimit", 100, 10, 2_000_000_000),
      reservedConcurrency: int("reservedConcurrency", 10, 1, 1000),
      apiMemoryMb: int("apiMemoryMb", 512, 128, 10_240),
      apiTimeoutSeconds: int("apiTimeoutSeconds", 15, 3, MAX_API_TIMEOUT_SECONDS),
      logRetentionDays: oneOf(
        "logRetentionDays",
        ["1", "3", "5", "7", "14", "30", "60", "90", "180", "365"] as const,
        "14",
      ) as unknown as number,
      forceDestroy: bool("forceDestroy", false),
      priceClass: oneOf("priceClass", ["PriceClass_100", "PriceClass_200", "PriceClass_All"] as const, "PriceClass_100"),
    };
    aws.logRetentionDays = Number(aws.logRetentionDays);
    if ((aws.domain === undefined) !== (aws.hostedZoneId === undefined)) {
      problems.push(
        `${key("domain")} and ${key("hostedZoneId")} must be set together (the certificate is validated through the hosted zone)`,
      );
    }
  }

  if (problems.length > 0) throw new SettingsError(problems);
  return {
    name,
    target,
    app,
    docker,
    aws,
    paths: opts.paths ?? defaultPaths(),
    tags: { Project: name, Stack: opts.stack, ManagedBy: "pulumi" },
  };
}
