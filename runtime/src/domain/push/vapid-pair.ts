/** Whether a raw base64url VAPID private key (32-byte P-256 scalar) belongs to the public key (65-byte point). */
import { createECDH } from "node:crypto";

export function vapidPairMatches(publicKey: string, privateKey: string): boolean {
  try {
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(Buffer.from(privateKey, "base64url"));
    return ecdh.getPublicKey().equals(Buffer.from(publicKey, "base64url"));
  } catch {
    return false;
  }
}
