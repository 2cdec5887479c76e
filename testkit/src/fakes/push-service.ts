/**
 * A local web push service over HTTPS that speaks the real wire format: it verifies the VAPID
 * `Authorization` header (RFC 8292: ES256 JWT, `aud` = this origin, `exp` within 24 h, signature
 * against `k=`) and decrypts the `aes128gcm` body (RFC 8291) with the subscriber's private keys,
 * exactly as a browser's push service + user agent pair would.
 *
 * The certificate is self-signed, generated with the `openssl` CLI at start; `agent` trusts it (and
 * only it), so the notifier's TLS verification stays on.
 */
import { createECDH, createPublicKey, randomBytes, randomUUID, verify, type ECDH } from "node:crypto";
import { createServer, Agent, type Server } from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { selfSignedCertificate } from "../certificates.js";

interface HttpEce {
  decrypt(buffer: Buffer, params: { version: "aes128gcm"; privateKey: ECDH; authSecret: string }): Buffer;
}
// http_ece ships no types; load it through require and give it the one signature used here.
const ece = createRequire(import.meta.url)("http_ece") as HttpEce;

export interface FakeSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
}

export interface ReceivedPush {
  /** The subscription's endpoint. */
  endpoint: string;
  /** Decrypted body, parsed as JSON. */
  payload: unknown;
  headers: IncomingHttpHeaders;
  claims: VapidClaims;
  /** `k=` of the Authorization header. */
  vapidPublicKey: string;
  /** The status the fake answered. */
  status: number;
}

export interface PushServiceFake {
  /** `https://127.0.0.1:<port>` */
  origin: string;
  /** Trusts the fake's certificate. */
  agent: Agent;
  /** A new browser subscription (fresh P-256 key pair and auth secret). */
  subscribe(): FakeSubscription;
  /** What the service answers for this endpoint once the message verified and decrypted (default 201). */
  respondWith(endpoint: string, status: number): void;
  /** Messages that verified and decrypted (whatever status was answered). */
  received: ReceivedPush[];
  /** Requests refused for a protocol error: bad VAPID header, undecryptable body, unknown endpoint… */
  rejected: { endpoint: string; reason: string }[];
  close(): Promise<void>;
}

interface Device {
  ecdh: ECDH;
  auth: string;
  status: number;
}

export async function startPushService(opts: { now?: () => number } = {}): Promise<PushServiceFake> {
  const now = opts.now ?? Date.now;
  const { key, cert } = await selfSignedCertificate({ commonName: "127.0.0.1", altNames: "IP:127.0.0.1,DNS:localhost" });

  const devices = new Map<string, Device>();
  const received: ReceivedPush[] = [];
  const rejected: { endpoint: string; reason: string }[] = [];
  let origin = "";

  const server: Server = createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const endpoint = `${origin}${req.url ?? ""}`;
      const refuse = (status: number, reason: string) => {
        rejected.push({ endpoint, reason });
        res.writeHead(status, { "content-type": "text/plain" }).end(reason);
      };
      const device = devices.get(req.url ?? "");
      if (req.method !== "POST") return refuse(405, "method");
      if (!device) return refuse(404, "unknown subscription");
      const vapid = verifyVapid(req.headers.authorization, origin, now());
      if (typeof vapid === "string") return refuse(401, vapid);
      if (req.headers["content-encoding"] !== "aes128gcm") return refuse(415, "content-encoding is not aes128gcm");
      if (!/^\d+$/.test(String(req.headers.ttl ?? ""))) return refuse(400, "missing TTL");
      let payload: unknown;
      try {
        const plain = ece.decrypt(Buffer.concat(chunks), { version: "aes128gcm", privateKey: device.ecdh, authSecret: device.auth });
        payload = JSON.parse(plain.toString("utf8"));
      } catch (err) {
        return refuse(400, `undecryptable: ${(err as Error).message}`);
      }
      received.push({
        endpoint,
        payload,
        headers: req.headers,
        claims: vapid.claims,
        vapidPublicKey: vapid.publicKey,
        status: device.status,
      });
      res.writeHead(device.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new Agent({ ca: cert, keepAlive: false });

  return {
    origin,
    agent,
    received,
    rejected,
    subscribe() {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16).toString("base64url");
      const path = `/push/${randomUUID()}`;
      devices.set(path, { ecdh, auth, status: 201 });
      return { endpoint: `${origin}${path}`, keys: { p256dh: ecdh.getPublicKey("base64url"), auth } };
    },
    respondWith(endpoint, status) {
      const device = devices.get(new URL(endpoint).pathname);
      if (!device) throw new Error(`unknown endpoint ${endpoint}`);
      device.status = status;
    },
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** RFC 8292 §2–3. Returns the claims, or the reason the header is refused. */
export function verifyVapid(
  header: string | undefined,
  expectedAudience: string,
  nowMs: number,
): { claims: VapidClaims; publicKey: string } | string {
  const match = /^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? "");
  if (!match) return "authorization is not `vapid t=…, k=…`";
  const [, token, k] = match as unknown as [string, string, string];
  const [h, p, s] = token.split(".") as [string, string, string];
  let jwtHeader: { typ?: unknown; alg?: unknown };
  let claims: Partial<VapidClaims>;
  try {
    jwtHeader = JSON.parse(Buffer.from(h, "base64url").toString("utf8"));
    claims = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
  } catch {
    return "JWT is not JSON";
  }
  if (jwtHeader.alg !== "ES256") return "JWT alg is not ES256";
  const point = Buffer.from(k, "base64url");
  if (point.length !== 65 || point[0] !== 4) return "k is not an uncompressed P-256 point";
  const publicKey = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33).toString("base64url") },
    format: "jwk",
  });
  const signature = Buffer.from(s, "base64url");
  if (!verify("sha256", Buffer.from(`${h}.${p}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, signature)) {
    return "JWT signature does not verify against k";
  }
  if (claims.aud !== expectedAudience) return `aud ${String(claims.aud)} is not ${expectedAudience}`;
  const nowS = Math.floor(nowMs / 1000);
  if (typeof claims.exp !== "number" || claims.exp <= nowS) return "exp missing or in the past";
  if (claims.exp > nowS + 24 * 3600) return "exp more than 24 h ahead";
  if (typeof claims.sub !== "string" || !/^(mailto:|https:)/.test(claims.sub)) return "sub is not mailto: or https:";
  return { claims: claims as VapidClaims, publicKey: k };
}
