/**
 * A Secrets Manager fake speaking the JSON 1.1 wire protocol (`X-Amz-Target: secretsmanager.*`).
 * No npm emulator exists (stack-notes.md §6). It checks that requests carry a SigV4 Authorization
 * header for the expected access key, not the signature itself.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SecretsManagerFake {
  url: string;
  /** Sets (or replaces) a secret's SecretString. */
  put(secretId: string, value: Record<string, string> | string): void;
  /** GetSecretValue calls served, by secret id. */
  calls: string[];
  close(): Promise<void>;
}

export interface SecretsManagerFakeOptions {
  accessKeyId?: string;
  /**
   * How long each answer waits (default 0): Secrets Manager is a network service, tens of
   * milliseconds away with a new connection's TLS handshake; a fake on loopback answers at once.
   */
  latencyMs?: number;
}

export async function startSecretsManagerFake(opts: SecretsManagerFakeOptions = {}): Promise<SecretsManagerFake> {
  const secrets = new Map<string, string>();
  const calls: string[] = [];
  const accessKeyId = opts.accessKeyId ?? "AKIDTEST";
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const reply = (status: number, body: unknown) => {
        const send = () => res.writeHead(status, { "content-type": "application/x-amz-json-1.1" }).end(JSON.stringify(body));
        if (opts.latencyMs) setTimeout(send, opts.latencyMs);
        else send();
      };
      const auth = req.headers.authorization ?? "";
      if (!auth.startsWith(`AWS4-HMAC-SHA256 Credential=${accessKeyId}/`) || !/\/secretsmanager\/aws4_request/.test(auth)) {
        return reply(400, { __type: "UnrecognizedClientException", message: "The security token included in the request is invalid." });
      }
      const target = req.headers["x-amz-target"];
      let input: { SecretId?: string; SecretString?: string };
      try {
        input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return reply(400, { __type: "SerializationException" });
      }
      if (target === "secretsmanager.GetSecretValue") {
        calls.push(input.SecretId ?? "");
        const value = secrets.get(input.SecretId ?? "");
        if (value === undefined)
          return reply(400, {
            __type: "com.amazonaws.secretsmanager#ResourceNotFoundException",
            message: "Secrets Manager can't find the specified secret.",
          });
        return reply(200, {
          ARN: `arn:aws:secretsmanager:us-east-1:000000000000:secret:${input.SecretId}`,
          Name: input.SecretId,
          SecretString: value,
          VersionId: "v1",
        });
      }
      if (target === "secretsmanager.PutSecretValue") {
        secrets.set(input.SecretId ?? "", input.SecretString ?? "");
        return reply(200, { Name: input.SecretId, VersionId: "v2" });
      }
      return reply(400, { __type: "UnknownOperationException" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    put: (id, value) => void secrets.set(id, typeof value === "string" ? value : JSON.stringify(value)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
