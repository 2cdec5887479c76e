/**
 * VAPID keys from a PEM P-256 key (what @pulumi/tls produces) to web-push's raw base64url form:
 * 32-byte private scalar, 65-byte uncompressed public point (stack-notes.md §8.8).
 */
import { createPrivateKey } from "node:crypto";

export function vapidFromPem(privateKeyPem: string): { publicKey: string; privateKey: string } {
  const jwk = createPrivateKey(privateKeyPem).export({ format: "jwk" });
  if (jwk.kty !== "EC" || jwk.crv !== "P-256" || !jwk.d || !jwk.x || !jwk.y) throw new Error("VAPID needs a P-256 EC private key");
  const d = Buffer.from(jwk.d, "base64url");
  const x = Buffer.from(jwk.x, "base64url");
  const y = Buffer.from(jwk.y, "base64url");
  if (d.length !== 32 || x.length !== 32 || y.length !== 32) throw new Error("unexpected P-256 key size");
  return {
    publicKey: Buffer.concat([Buffer.from([4]), x, y]).toString("base64url"),
    privateKey: d.toString("base64url"),
  };
}
