/** The fake push service must refuse what a real one refuses, or the notifier tests prove nothing. */
import { createECDH, createPrivateKey, sign } from "node:crypto";
import { request } from "node:https";
import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPushService, type PushServiceFake } from "@stellarr/testkit/fakes/push-service";

let fake: PushServiceFake;
beforeAll(async () => {
  fake = await startPushService();
});
afterAll(async () => {
  await fake.close();
});

function keyPair() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const pub = ecdh.getPublicKey();
  const d = Buffer.alloc(32);
  const raw = ecdh.getPrivateKey();
  raw.copy(d, 32 - raw.length);
  const jwk = {
    kty: "EC",
    crv: "P-256",
    x: pub.subarray(1, 33).toString("base64url"),
    y: pub.subarray(33).toString("base64url"),
    d: d.toString("base64url"),
  };
  return {
    publicKey: pub.toString("base64url"),
    privateKey: d.toString("base64url"),
    keyObject: createPrivateKey({ key: jwk, format: "jwk" }),
  };
}

function vapidHeader(claims: Record<string, unknown>, signer = keyPair(), k = signer.publicKey): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const input = `${enc({ typ: "JWT", alg: "ES256" })}.${enc(claims)}`;
  const sig = sign("sha256", Buffer.from(input), { key: signer.keyObject, dsaEncoding: "ieee-p1363" }).toString("base64url");
  return `vapid t=${input}.${sig}, k=${k}`;
}

/** POSTs a body encrypted for `sub` with the given Authorization header. */
async function post(
  endpoint: string,
  encryptFor: { p256dh: string; auth: string },
  authorization: string,
): Promise<{ status: number; text: string }> {
  const enc = webpush.encrypt(encryptFor.p256dh, encryptFor.auth, JSON.stringify({ title: "t" }), "aes128gcm");
  return new Promise((resolve, reject) => {
    const req = request(
      endpoint,
      {
        method: "POST",
        agent: fake.agent,
        headers: { authorization, "content-encoding": "aes128gcm", ttl: "60", "content-type": "application/octet-stream" },
      },
      (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(enc.cipherText);
  });
}

const nowS = () => Math.floor(Date.now() / 1000);

describe("fake push service", () => {
  it("accepts a correct VAPID header and decrypts the body", async () => {
    const sub = fake.subscribe();
    const res = await post(sub.endpoint, sub.keys, vapidHeader({ aud: fake.origin, exp: nowS() + 3600, sub: "mailto:a@b.c" }));
    expect(res.status).toBe(201);
    expect(fake.received.find((r) => r.endpoint === sub.endpoint)?.payload).toEqual({ title: "t" });
  });

  it.each([
    ["a foreign audience", { aud: "https://push.example", exp: nowS() + 3600, sub: "mailto:a@b.c" }, /aud/],
    ["an expired token", { exp: nowS() - 1, sub: "mailto:a@b.c" }, /exp/],
    ["exp more than 24 h ahead", { exp: nowS() + 25 * 3600, sub: "mailto:a@b.c" }, /24 h/],
    ["a bad subject", { exp: nowS() + 3600, sub: "admin@example.com" }, /sub/],
  ])("refuses %s", async (_label, claims, reason) => {
    const sub = fake.subscribe();
    const res = await post(sub.endpoint, sub.keys, vapidHeader({ aud: fake.origin, ...claims }));
    expect(res.status).toBe(401);
    expect(res.text).toMatch(reason);
  });

  it("refuses a signature that does not match k", async () => {
    const sub = fake.subscribe();
    const res = await post(
      sub.endpoint,
      sub.keys,
      vapidHeader({ aud: fake.origin, exp: nowS() + 60, sub: "mailto:a@b.c" }, keyPair(), keyPair().publicKey),
    );
    expect(res).toMatchObject({ status: 401, text: expect.stringMatching(/signature/) });
  });

  it("refuses a body encrypted for another subscriber, and unknown endpoints", async () => {
    const sub = fake.subscribe();
    const other = fake.subscribe();
    const header = vapidHeader({ aud: fake.origin, exp: nowS() + 60, sub: "mailto:a@b.c" });
    expect((await post(sub.endpoint, other.keys, header)).status).toBe(400);
    expect((await post(`${fake.origin}/push/unknown`, sub.keys, header)).status).toBe(404);
  });
});
