/**
 * The first thing a Lambda API container does: send the Secrets Manager read, before the rest of
 * the bundle — the app, ~180 KB — is compiled and evaluated. The entry imports the wiring only
 * after this, so the secret's round trip (and, on AWS, its DNS lookup and TLS handshake) overlaps
 * with loading the code instead of following it. What this module reaches is kept small: the AWS
 * settings, the SigV4 signer and Node's HTTP client, all of which the read needs anyway.
 */
import { awsSettingsFromEnv, type AwsSettings } from "../config/aws.js";
import { secretsManagerFor } from "../adapters/secrets/secrets-manager.js";

export type SecretRead = Promise<Record<string, string>>;

/**
 * The deployment's secret, being read; null when the environment is incomplete (the first
 * invocation reports that, as it reports a failed read: the config source meets the rejection).
 */
export function startSecretRead(env: Record<string, string | undefined>): SecretRead | null {
  let settings: AwsSettings;
  try {
    settings = awsSettingsFromEnv(env, { table: true });
  } catch {
    return null;
  }
  const read = secretsManagerFor(settings).getSecretJson(settings.secretId);
  // Handled where it is used (createAwsConfigSource's first refresh); never an unhandled rejection meanwhile.
  read.catch(() => undefined);
  return read;
}
