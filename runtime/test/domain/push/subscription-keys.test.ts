import { describe, expect, it } from "vitest";
import { normaliseAuthSecret, normaliseP256dh } from "../../../src/domain/push/subscription-keys.js";
import { vapidKeyId } from "../../../src/domain/push/vapid-key-id.js";
import { createECDH, randomBytes } from "node:crypto";

describe("subscription keys and VAPID key id", () => {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const point = ecdh.getPublicKey();
  const auth = randomBytes(16);

  it("accepts url-safe and standard base64, with or without padding, and stores base64url", () => {
    expect(normaliseP256dh(point.toString("base64url"))).toBe(point.toString("base64url"));
    expect(normaliseP256dh(point.toString("base64"))).toBe(point.toString("base64url"));
    expect(normaliseAuthSecret(auth.toString("base64"))).toBe(auth.toString("base64url"));
  });

  it("refuses wrong lengths, compressed points and junk", () => {
    expect(normaliseP256dh(ecdh.getPublicKey("base64url", "compressed"))).toBeNull();
    expect(normaliseP256dh(randomBytes(65).fill(2, 0, 1).toString("base64url"))).toBeNull();
    expect(normaliseP256dh("not base64!")).toBeNull();
    expect(normaliseAuthSecret(randomBytes(32).toString("base64url"))).toBeNull();
  });

  it("derives a short stable id per VAPID key", () => {
    const a = vapidKeyId(point.toString("base64url"));
    expect(a).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(vapidKeyId(point.toString("base64url"))).toBe(a);
    const other = createECDH("prime256v1");
    other.generateKeys();
    expect(vapidKeyId(other.getPublicKey("base64url"))).not.toBe(a);
  });
});
