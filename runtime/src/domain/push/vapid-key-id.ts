/**
 * A short, stable id of a VAPID public key, stored with each subscription so that subscriptions
 * made with a previous key can be recognised (and dropped) after a key change.
 */
import { createHash } from "node:crypto";

export const vapidKeyId = (publicKey: string): string =>
  createHash("sha256").update(publicKey.trim(), "utf8").digest("base64url").slice(0, 16);
