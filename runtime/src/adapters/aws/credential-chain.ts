/**
 * AWS credentials and region for the command line (`stellarr import-original`), the way the AWS
 * CLI finds them: `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`, then the AWS
 * SDK's default chain (SSO, web identity, the shared credentials and config files with
 * `AWS_PROFILE`, credential_process, container/instance metadata). Not on the Lambda path: the
 * Lambda reads its role's keys from the environment (`credentials.ts`).
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { credentialsFromEnv, type AwsCredentials } from "./credentials.js";

type Env = Record<string, string | undefined>;

const nonEmpty = (v: string | undefined): string | undefined => (v?.trim() ? v.trim() : undefined);

export async function resolveAwsCredentials(env: Env): Promise<AwsCredentials> {
  const fromEnv = credentialsFromEnv(env);
  if (fromEnv) return fromEnv;
  // Loaded on demand: only a DynamoDB import without environment keys needs the SDK's chain.
  const { defaultProvider } = await import("@aws-sdk/credential-provider-node");
  try {
    const found = await defaultProvider({
      profile: nonEmpty(env.AWS_PROFILE),
      filepath: nonEmpty(env.AWS_SHARED_CREDENTIALS_FILE),
      configFilepath: nonEmpty(env.AWS_CONFIG_FILE),
    })();
    return found.sessionToken
      ? { accessKeyId: found.accessKeyId, secretAccessKey: found.secretAccessKey, sessionToken: found.sessionToken }
      : { accessKeyId: found.accessKeyId, secretAccessKey: found.secretAccessKey };
  } catch (err) {
    const why = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new Error(
      `no AWS credentials (${why}): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with a profile in ~/.aws/credentials or ~/.aws/config`,
    );
  }
}

/** `AWS_REGION`, `AWS_DEFAULT_REGION`, then the `region` of the profile in the shared config file; null when none says. */
export function resolveAwsRegion(env: Env): string | null {
  const fromEnv = nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION);
  if (fromEnv) return fromEnv;
  const profile = nonEmpty(env.AWS_PROFILE) ?? "default";
  const path = nonEmpty(env.AWS_CONFIG_FILE) ?? join(nonEmpty(env.HOME) ?? homedir(), ".aws", "config");
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return null;
  }
  return iniValue(text, profile === "default" ? ["default", "profile default"] : [`profile ${profile}`, profile], "region");
}

/** A key of the first matching section of an AWS-style ini file. */
export function iniValue(text: string, sections: string[], key: string): string | null {
  let inSection = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, "").trim();
    const header = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (header) {
      inSection = sections.includes(header[1]!.replace(/\s+/g, " "));
      continue;
    }
    const pair = inSection ? /^([A-Za-z0-9_]+)\s*=\s*(.*)$/.exec(line) : null;
    if (pair && pair[1] === key && pair[2]) return pair[2];
  }
  return null;
}
