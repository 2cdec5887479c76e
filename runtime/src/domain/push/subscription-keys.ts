/**
 * Browser subscription keys (RFC 8291): `p256dh` is an uncompressed P-256 point (65 bytes, 0x04…)
 * and `auth` a 16-byte secret. Browsers send URL-safe base64; some libraries send standard base64
 * with padding. Both are accepted and stored as unpadded base64url.
 */
const BASE64ISH = /^[A-Za-z0-9+/_-]+={0,2}$/;

function decode(value: string): Buffer | null {
  const trimmed = value.trim();
  if (!BASE64ISH.test(trimmed)) return null;
  return Buffer.from(trimmed.replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_"), "base64url");
}

/** The key as base64url, or null when it is not a 65-byte uncompressed point. */
export function normaliseP256dh(value: string): string | null {
  const bytes = decode(value);
  return bytes && bytes.length === 65 && bytes[0] === 0x04 ? bytes.toString("base64url") : null;
}

/** The auth secret as base64url, or null when it is not 16 bytes. */
export function normaliseAuthSecret(value: string): string | null {
  const bytes = decode(value);
  return bytes && bytes.length === 16 ? bytes.toString("base64url") : null;
}
