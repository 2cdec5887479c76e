/** Shared helpers for the push tests: VAPID keys without importing web-push, and stored devices. */
import { createECDH } from "node:crypto";
import type { Config } from "../../src/config/types.js";
import { vapidKeyId } from "../../src/domain/push/vapid-key-id.js";
import type { Store } from "../../src/ports/store/index.js";
import type { FakeSubscription, PushServiceFake } from "@stellarr/testkit/fakes/push-service";

export type Vapid = NonNullable<Config["vapid"]>;

/** A VAPID key pair in the configuration's raw base64url form (65-byte point, 32-byte scalar). */
export function vapidKeys(subject = "mailto:ops@stellarr.test"): Vapid {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const scalar = Buffer.alloc(32);
  const raw = ecdh.getPrivateKey();
  raw.copy(scalar, 32 - raw.length);
  return { publicKey: ecdh.getPublicKey("base64url"), privateKey: scalar.toString("base64url"), subject };
}

/** Stores a new device of the fake push service for `owner`, as the subscribe route would. */
export async function addDevice(
  store: Store,
  fake: PushServiceFake,
  owner: string,
  locale: string,
  vapid: Vapid,
): Promise<FakeSubscription> {
  const sub = fake.subscribe();
  await store.putSubscription({
    endpoint: sub.endpoint,
    owner,
    p256dh: sub.keys.p256dh,
    auth: sub.keys.auth,
    locale,
    vapid_key_id: vapidKeyId(vapid.publicKey),
    created_at: new Date().toISOString(),
  });
  return sub;
}
