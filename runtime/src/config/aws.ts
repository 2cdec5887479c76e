/**
 * AWS configuration (product.md §2): secrets from one Secrets Manager secret (fetched once per
 * container, refreshed after a TTL), plain settings from the Lambda environment, credentials from
 * the execution role. Validated by the same `parseConfig` as the Node entry, in its "aws" shape
 * (ORIGIN_VERIFY_SECRET required): nothing fails open.
 */
import { credentialsFromEnv, type AwsCredentials } from "../lib/aws-credentials.js";
import { systemClock } from "../lib/clock.js";
import { errorMessage } from "../lib/errors.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { SecretsManager } from "../ports/secrets.js";
import { ConfigError, parseConfig } from "./parse.js";
import { SECRET_VARIABLES } from "../contract/secret-variables.js";
import type { Config } from "./types.js";

type Env = Record<string, string | undefined>;

/** Where the AWS pieces are: plain environment variables set by the stack. */
export interface AwsSettings {
  region: string;
  credentials: AwsCredentials;
  secretId: string;
  /** DynamoDB table (API and warmer). */
  tableName: string | null;
  /** Trending bucket (warmer). */
  trendingBucket: string | null;
  /** The notifier function the API invokes asynchronously (`NOTIFIER_FUNCTION_NAME`), when deployed. */
  notifierFunction: string | null;
  /** Custom endpoints (tests, LocalStack-style setups); AWS's own when unset. */
  endpoints: { dynamodb?: string; s3?: string; secretsManager?: string; lambda?: string };
}

export function awsSettingsFromEnv(env: Env, need: { table?: boolean; bucket?: boolean } = {}): AwsSettings {
  const problems: string[] = [];
  const opt = (name: string): string | null => env[name]?.trim() || null;
  const req = (name: string): string => {
    const v = opt(name);
    if (v === null) problems.push(`${name} is required`);
    return v ?? "";
  };
  const endpoint = (name: string): string | undefined => {
    const v = opt(name);
    if (v === null) return undefined;
    if (!/^https?:\/\/[^/\s]+\/?$/.test(v)) problems.push(`${name} must be an http(s) origin`);
    return v.replace(/\/+$/, "");
  };
  const region = opt("AWS_REGION") ?? opt("AWS_DEFAULT_REGION");
  if (region === null) problems.push("AWS_REGION is required");
  const credentials = credentialsFromEnv(env);
  if (credentials === null)
    problems.push("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are required (the Lambda execution role provides them)");
  const settings: AwsSettings = {
    region: region ?? "",
    credentials: credentials ?? { accessKeyId: "", secretAccessKey: "" },
    secretId: req("SECRET_ID"),
    tableName: need.table ? req("TABLE_NAME") : opt("TABLE_NAME"),
    trendingBucket: need.bucket ? req("TRENDING_BUCKET") : opt("TRENDING_BUCKET"),
    notifierFunction: opt("NOTIFIER_FUNCTION_NAME"),
    endpoints: {},
  };
  const dynamodb = endpoint("DYNAMODB_ENDPOINT");
  const s3 = endpoint("S3_ENDPOINT");
  const secretsManager = endpoint("SECRETS_MANAGER_ENDPOINT");
  if (dynamodb) settings.endpoints.dynamodb = dynamodb;
  if (s3) settings.endpoints.s3 = s3;
  if (secretsManager) settings.endpoints.secretsManager = secretsManager;
  const lambda = endpoint("LAMBDA_ENDPOINT");
  if (lambda) settings.endpoints.lambda = lambda;
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}

/**
 * The variables `parseConfig` sees: plain environment first (without secret names), then every key of
 * the secret (which also carries BASE_URL: the stack knows the distribution's name only afterwards).
 */
export function mergeAwsVariables(env: Env, secret: Record<string, string>): { vars: Env; ignored: string[] } {
  const vars: Env = { ...env };
  const ignored: string[] = [];
  for (const name of SECRET_VARIABLES) {
    if (vars[name]?.trim()) ignored.push(name);
    delete vars[name];
  }
  // The embedded-only data directory makes no sense on Lambda's read-only filesystem.
  delete vars.DATA_DIR;
  return { vars: { ...vars, ...secret }, ignored };
}

/**
 * Parses and validates. On AWS, TMDB is required (the demo catalogue is for the embedded shapes only)
 * and so is BASE_URL: CloudFront never forwards the viewer's Host, so without it login origins and
 * feed URLs would name the Function URL.
 */
export function parseAwsConfig(env: Env, secret: Record<string, string>): { config: Config; ignored: string[] } {
  const { vars, ignored } = mergeAwsVariables(env, secret);
  let config: Config | null = null;
  let problems: string[] = [];
  try {
    config = parseConfig(vars, "aws");
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems = [...err.problems];
  }
  if (!vars.TMDB_API_KEY?.trim()) problems.push("TMDB_API_KEY is required on AWS (in the secret)");
  if (!vars.BASE_URL?.trim()) problems.push("BASE_URL is required on AWS (in the secret: the CloudFront origin)");
  if (problems.length > 0 || config === null) throw new ConfigError(problems);
  return { config, ignored };
}

export interface AwsConfigSourceOptions {
  env: Env;
  /** How long a fetched secret is used before it is fetched again. Default 5 minutes. */
  ttlMs?: number;
  clock?: Clock;
  logger: Logger;
  need?: { table?: boolean; bucket?: boolean };
  /** The secret store, or how to make it from the settings (the wiring: a SigV4 client against `SECRETS_MANAGER_ENDPOINT` or AWS). */
  secrets: SecretsManager | ((settings: AwsSettings) => SecretsManager);
  /**
   * The secret, already being read (the Lambda entry sends the read before loading the app):
   * used by the first load instead of a read of its own; later loads read again.
   */
  firstRead?: Promise<Record<string, string>> | null;
}

export interface AwsRuntimeConfig {
  config: Config;
  settings: AwsSettings;
  /** Changes whenever the secret's content changes, so callers can rebuild what depends on it. */
  version: string;
}

export interface AwsConfigSource {
  readonly settings: AwsSettings;
  /** The current configuration: cached, refetched after the TTL (one fetch at a time). */
  get(): Promise<AwsRuntimeConfig>;
}

export const DEFAULT_SECRET_TTL_MS = 5 * 60 * 1000;

/** Throws `ConfigError` at once when the environment is incomplete (before any network call). */
export function createAwsConfigSource(opts: AwsConfigSourceOptions): AwsConfigSource {
  const settings = awsSettingsFromEnv(opts.env, opts.need);
  const clock = opts.clock ?? systemClock;
  const ttlMs = opts.ttlMs ?? DEFAULT_SECRET_TTL_MS;
  const secrets = typeof opts.secrets === "function" ? opts.secrets(settings) : opts.secrets;

  let current: { value: AwsRuntimeConfig; raw: string; fetchedAt: number } | null = null;
  let inflight: Promise<AwsRuntimeConfig> | null = null;
  let versions = 0;

  let firstRead = opts.firstRead ?? null;
  const refresh = async (): Promise<AwsRuntimeConfig> => {
    const read = firstRead ?? secrets.getSecretJson(settings.secretId);
    firstRead = null;
    const secret = await read;
    const raw = JSON.stringify(Object.entries(secret).sort(([a], [b]) => (a < b ? -1 : 1)));
    if (current && current.raw === raw) {
      current.fetchedAt = clock.now();
      return current.value;
    }
    const { config, ignored } = parseAwsConfig(opts.env, secret);
    if (ignored.length > 0)
      opts.logger.warn("secret variables in the Lambda environment are ignored; they belong in the secret", { variables: ignored });
    const value: AwsRuntimeConfig = { config, settings, version: String(++versions) };
    current = { value, raw, fetchedAt: clock.now() };
    return value;
  };

  return {
    settings,
    get() {
      if (current && clock.now() - current.fetchedAt < ttlMs) return Promise.resolve(current.value);
      inflight ??= refresh()
        .catch((err: unknown) => {
          // A refresh that fails after a good load keeps the last good configuration (it was valid);
          // the first load has nothing to fall back to and fails.
          if (current) {
            opts.logger.warn("secret refresh failed; keeping the cached configuration", {
              error: errorMessage(err),
            });
            current.fetchedAt = clock.now() - ttlMs + Math.min(ttlMs, 30_000);
            return current.value;
          }
          throw err;
        })
        .finally(() => {
          inflight = null;
        });
      return inflight;
    },
  };
}
