/**
 * A receiver of Stellarr's signed webhooks (HTTPS), verifying as docs/notifications.md tells
 * receivers to — written here independently of the runtime's signing code, so a mistake there
 * cannot be mirrored:
 *
 *   X-Stellarr-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * Refuses (401) a missing or malformed header, a timestamp more than `toleranceSeconds` (300) from
 * its clock, or no `v1` that matches in constant time; 415 without a JSON content type; 400 for a
 * body that is not a JSON object with an `event`. Several `v1=` entries are accepted (one may
 * match), as during a secret rotation.
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import type { ServerResponse } from "node:http";
import { startHttpsFake, type HttpsFakeBase, type InjectedFailure, type RawRequest } from "./https-fake.js";

export interface WebhookDelivery {
  endpoint: string;
  /** Parsed JSON body. */
  body: Record<string, unknown>;
  /** The exact bytes received (what the signature covers). */
  raw: string;
  timestamp: number;
  headers: RawRequest["headers"];
}

export interface WebhookRejection {
  endpoint: string;
  status: number;
  reason: string;
}

export interface WebhookReceiverFake extends HttpsFakeBase {
  received: WebhookDelivery[];
  rejected: WebhookRejection[];
  /**
   * A new endpoint URL verified with `secret`; `status` (default 204) and `headers` are what a
   * verified delivery gets (a 307 with a `location` tests that senders do not follow redirects).
   */
  createEndpoint(secret: string, opts?: { status?: number; headers?: Record<string, string> }): string;
}

export interface WebhookReceiverOptions {
  toleranceSeconds?: number;
  now?: () => number;
}

export async function startWebhookReceiver(options: WebhookReceiverOptions = {}): Promise<WebhookReceiverFake> {
  const now = options.now ?? Date.now;
  const tolerance = options.toleranceSeconds ?? 300;
  const endpoints = new Map<string, { secret: string; status: number; headers: Record<string, string> }>();
  const received: WebhookDelivery[] = [];
  const rejected: WebhookRejection[] = [];
  let origin = "";

  const handle = (req: RawRequest, res: ServerResponse, failure: InjectedFailure | undefined) => {
    const endpoint = `${origin}${req.url.pathname}${req.url.search}`;
    const refuse = (status: number, reason: string, headers: Record<string, string> = {}) => {
      rejected.push({ endpoint, status, reason });
      res.writeHead(status, { "content-type": "text/plain", ...headers }).end(reason);
    };
    if (failure?.status) {
      return refuse(
        failure.status,
        "injected failure",
        failure.retryAfter === undefined ? {} : { "retry-after": String(failure.retryAfter) },
      );
    }
    const target = endpoints.get(req.url.pathname);
    if (!target) return refuse(404, "unknown endpoint");
    if (req.method !== "POST") return refuse(405, "method not allowed");
    if (!/^application\/json\b/i.test(String(req.headers["content-type"] ?? "")))
      return refuse(415, "content-type is not application/json");

    const raw = req.body.toString("utf8");
    const verdict = verify(String(req.headers["x-stellarr-signature"] ?? ""), raw, target.secret, Math.floor(now() / 1000), tolerance);
    if (typeof verdict === "string") return refuse(401, verdict);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return refuse(400, "body is not JSON");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body) || typeof (body as { event?: unknown }).event !== "string") {
      return refuse(400, "body is not an event object");
    }
    received.push({ endpoint, body: body as Record<string, unknown>, raw, timestamp: verdict.timestamp, headers: req.headers });
    res.writeHead(target.status, target.headers).end();
  };

  const base = await startHttpsFake({ maxBodyBytes: 256 * 1024, handle });
  origin = base.origin;
  return {
    ...base,
    received,
    rejected,
    createEndpoint(secret, opts = {}) {
      const path = `/hooks/${randomUUID()}`;
      endpoints.set(path, { secret, status: opts.status ?? 204, headers: opts.headers ?? {} });
      return `${origin}${path}`;
    },
  };
}

function verify(header: string, raw: string, secret: string, nowS: number, tolerance: number): { timestamp: number } | string {
  const parts = header.split(",").map((p) => p.trim());
  const t = parts.find((p) => p.startsWith("t="))?.slice(2);
  const candidates = parts.filter((p) => p.startsWith("v1=")).map((p) => p.slice(3));
  if (!t || !/^\d{1,12}$/.test(t) || candidates.length === 0) return "missing or malformed signature header";
  const timestamp = Number(t);
  if (Math.abs(nowS - timestamp) > tolerance) return "timestamp outside the tolerance";
  const expected = createHmac("sha256", secret).update(`${t}.`).update(raw).digest();
  const matches = candidates.some((hex) => {
    if (!/^[0-9a-f]{64}$/.test(hex)) return false;
    return timingSafeEqual(Buffer.from(hex, "hex"), expected);
  });
  return matches ? { timestamp } : "signature does not match";
}
