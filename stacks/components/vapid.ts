/**
 * Configured VAPID keys (`stellarr:vapidPublicKey` + `stellarr:vapidPrivateKey`), both targets: an operator
 * coming from the original Stellarr keeps its key pair, so the push subscriptions it imports can still be
 * sent to (issue #26). Pure checks, in web-push's raw base64url form (product.md §2): the public key a
 * 65-byte uncompressed P-256 point, the private key a 32-byte scalar — and the two a pair, since a
 * mismatched pair would make every push fail without a word. Messages name config keys, never a key.
 */
import { createECDH, ECDH } from "node:crypto";

export const VAPID_PUBLIC_KEY_CONFIG = "stellarr:vapidPublicKey";
export const VAPID_PRIVATE_KEY_CONFIG = "stellarr:vapidPrivateKey";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/** Why a configured public key is unusable, or undefined. */
export function vapidPublicKeyProblem(publicKey: string): string | undefined {
  const raw = B64URL.test(publicKey) ? Buffer.from(publicKey, "base64url") : undefined;
  if (!raw || raw.length !== 65 || raw[0] !== 4) {
    return `${VAPID_PUBLIC_KEY_CONFIG} must be a raw base64url P-256 public key (65-byte uncompressed point, no padding)`;
  }
  try {
    ECDH.convertKey(raw, "prime256v1");
  } catch {
    return `${VAPID_PUBLIC_KEY_CONFIG} is not a point on the P-256 curve`;
  }
  return undefined;
}

/** Why a configured private key is unusable with the public key, or undefined. */
export function vapidPrivateKeyProblem(privateKey: string, publicKey: string): string | undefined {
  const raw = B64URL.test(privateKey) ? Buffer.from(privateKey, "base64url") : undefined;
  if (!raw || raw.length !== 32) {
    return `${VAPID_PRIVATE_KEY_CONFIG} must be a raw base64url P-256 private key (32-byte scalar, no padding)`;
  }
  const ecdh = createECDH("prime256v1");
  try {
    ecdh.setPrivateKey(raw);
  } catch {
    return `${VAPID_PRIVATE_KEY_CONFIG} is not a valid P-256 private key`;
  }
  if (ecdh.getPublicKey("base64url") !== publicKey) {
    return `${VAPID_PRIVATE_KEY_CONFIG} does not belong to ${VAPID_PUBLIC_KEY_CONFIG}: set both from the same key pair`;
  }
  return undefined;
}

/**
 * The configured pair, checked (throws naming the config keys). `publicKey` is plain config, known when the
 * program starts; the private key is a secret, known only inside an apply — hence "both or neither" is
 * decided here for the case the program could not see (a private key without a public one).
 */
export function checkedVapidPair(publicKey: string | undefined, privateKey: string | undefined): VapidKeys | undefined {
  const priv = privateKey?.trim() || undefined;
  if (publicKey === undefined && priv === undefined) return undefined;
  if (publicKey === undefined || priv === undefined) {
    throw new Error(
      `${VAPID_PUBLIC_KEY_CONFIG} and ${VAPID_PRIVATE_KEY_CONFIG} must be set together (or neither: keys are then generated)`,
    );
  }
  const problem = vapidPublicKeyProblem(publicKey) ?? vapidPrivateKeyProblem(priv, publicKey);
  if (problem) throw new Error(problem);
  return { publicKey, privateKey: priv };
}
