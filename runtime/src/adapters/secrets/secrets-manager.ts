/**
 * Secrets Manager `GetSecretValue` signed with SigV4 and sent over `node:https` (lib/aws-transport.ts;
 * JSON 1.1 protocol): the whole AWS SDK for one call would dwarf the rest of the Lambda bundle.
 */
import type { AwsCredentials } from "../../lib/aws-credentials.js";
import { AwsHttpClient } from "../../lib/aws-transport.js";
import { currentDeadline } from "../../lib/deadline.js";
import type { SecretsManager } from "../../ports/secrets.js";

export type { SecretsManager };

export interface SecretsManagerOptions {
  region: string;
  /** Custom endpoint (tests); default `https://secretsmanager.{region}.amazonaws.com`. */
  endpoint?: string;
  credentials: AwsCredentials;
}

/** The whole read, the client's retries included, ends within this or at the current deadline, whichever is first. */
export const SECRET_READ_TIMEOUT_MS = 5_000;

export class SecretError extends Error {
  override readonly name = "SecretError";
}

export function createSecretsManager(opts: SecretsManagerOptions): SecretsManager {
  const aws = new AwsHttpClient({ ...opts.credentials, service: "secretsmanager", region: opts.region, retries: 2 });
  const endpoint = opts.endpoint?.replace(/\/+$/, "") ?? `https://secretsmanager.${opts.region}.amazonaws.com`;
  return {
    async getSecretJson(secretId) {
      const res = await aws.fetch(`${endpoint}/`, {
        method: "POST",
        headers: { "x-amz-target": "secretsmanager.GetSecretValue", "content-type": "application/x-amz-json-1.1" },
        body: JSON.stringify({ SecretId: secretId }),
        signal: currentDeadline().signalFor(SECRET_READ_TIMEOUT_MS),
      });
      const payload = (await res.json().catch(() => null)) as { SecretString?: unknown; __type?: unknown } | null;
      if (!res.ok) {
        // "…#ResourceNotFoundException" → the part after '#'; never the message (it may echo the ARN).
        const type = typeof payload?.__type === "string" ? payload.__type.split("#").pop() : "unknown error";
        throw new SecretError(`Secrets Manager GetSecretValue failed: HTTP ${res.status} ${type}`);
      }
      if (typeof payload?.SecretString !== "string")
        throw new SecretError("the secret has no SecretString (binary secrets are not supported)");
      let parsed: unknown;
      try {
        parsed = JSON.parse(payload.SecretString);
      } catch {
        throw new SecretError("the secret is not a JSON object");
      }
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new SecretError("the secret is not a JSON object");
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(parsed)) {
        if (v === null || v === undefined) continue;
        if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = String(v);
        else throw new SecretError(`the secret's ${k} is not a string`);
      }
      return out;
    },
  };
}

/** The secrets manager of a deployment's AWS settings (its region, credentials and optional endpoint). */
export const secretsManagerFor = (settings: {
  region: string;
  credentials: AwsCredentials;
  endpoints: { secretsManager?: string };
}): SecretsManager =>
  createSecretsManager({ region: settings.region, endpoint: settings.endpoints.secretsManager, credentials: settings.credentials });
