/**
 * Node (embedded/Docker) configuration: process environment > `.env` in the working directory >
 * values generated into `DATA_DIR/secrets.json` (mode 0600) on first start. The generated password
 * is printed once, on the console, the only place a secret is ever printed.
 */
import { createECDH, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { prepareDataDir, readSecretsFile, writeSecretsFile } from "./data-dir.js";
import { parseDotenv } from "./dotenv.js";
import { ConfigError, parseConfig } from "./parse.js";
import type { Config } from "./types.js";

export interface LoadedConfig {
  config: Config;
  /** Set only on the start that generated the password: the entry prints it once. */
  generatedPassword: string | null;
  generated: string[];
  /** `secrets.json` allowed more than 0600: the entry logs a warning naming the file. */
  looseSecrets: { file: string; was: string; tightened: boolean } | null;
}

const SECRETS_FILE = "secrets.json";

export function loadNodeConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): LoadedConfig {
  const fromFile = readDotenv(resolve(cwd, ".env"));
  const pick = (k: string): string | undefined => (env[k]?.trim() ? env[k] : fromFile[k]?.trim() ? fromFile[k] : undefined);

  const dataDir = resolve(cwd, pick("DATA_DIR") ?? "./data");
  prepareDataDir(dataDir);
  const secretsPath = resolve(dataDir, SECRETS_FILE);
  const { values: stored, looseMode } = readSecretsFile(secretsPath);

  const generated: string[] = [];
  let generatedPassword: string | null = null;
  const ensure = (key: string, make: () => string): void => {
    if (pick(key) !== undefined || stored[key]) return;
    stored[key] = make();
    generated.push(key);
    if (key === "PRESHARED_PASSWORD") generatedPassword = stored[key]!;
  };
  ensure("APP_SECRET_KEY", () => randomBytes(32).toString("base64url"));
  ensure("PRESHARED_PASSWORD", () => randomBytes(12).toString("base64url"));
  if (pick("VAPID_PUBLIC_KEY") === undefined && pick("VAPID_PRIVATE_KEY") === undefined && !stored.VAPID_PUBLIC_KEY) {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    stored.VAPID_PUBLIC_KEY = ecdh.getPublicKey("base64url");
    const priv = ecdh.getPrivateKey();
    stored.VAPID_PRIVATE_KEY = Buffer.concat([Buffer.alloc(32 - priv.length), priv]).toString("base64url");
    generated.push("VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY");
  }
  if (generated.length > 0) writeSecretsFile(secretsPath, stored);

  const vars: Record<string, string | undefined> = {
    ...stored,
    ...dropEmpty(fromFile),
    ...dropEmpty(env as Record<string, string | undefined>),
  };
  // Stored VAPID keys only apply as a pair: a user-supplied pair replaces both.
  if (pick("VAPID_PUBLIC_KEY") !== undefined || pick("VAPID_PRIVATE_KEY") !== undefined) {
    vars.VAPID_PUBLIC_KEY = pick("VAPID_PUBLIC_KEY");
    vars.VAPID_PRIVATE_KEY = pick("VAPID_PRIVATE_KEY");
  }
  vars.DATA_DIR = dataDir;
  return {
    config: parseConfig(vars, "embedded"),
    generatedPassword,
    generated,
    looseSecrets: looseMode && { file: secretsPath, ...looseMode },
  };
}

function readDotenv(path: string): Record<string, string> {
  try {
    return parseDotenv(readFileSync(path, "utf8"));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return {};
    throw new ConfigError([`${path} cannot be read (${code ?? "error"})`]);
  }
}

const dropEmpty = (o: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => typeof e[1] === "string" && e[1].trim() !== ""));
