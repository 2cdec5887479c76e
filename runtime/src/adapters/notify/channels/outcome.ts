/**
 * From a POST's result to a delivery outcome: ok, retry (408/429/5xx, timeout, network) or
 * permanent (other 4xx, redirects, guard refusals). Every error text goes through
 * `redactForChannel`, so what reaches logs and `last_delivery.error` holds no token, topic,
 * webhook path or secret.
 */
import type { IncomingHttpHeaders } from "node:http";
import { redactForChannel, type ChannelSpec } from "../../../domain/notify/channel.js";
import { ATTEMPT_TIMEOUT_MS, outcomeOfStatus, parseRetryAfter, type DeliveryOutcome } from "../../../domain/notify/delivery.js";
import type { ResolveAll } from "../endpoint-guard.js";
import type { PostResult } from "./guarded-post.js";

export interface SendContext {
  /** ALLOW_PRIVATE_ENDPOINTS. */
  allowPrivate: boolean;
  /** Clock for signatures and retry-after dates. */
  now?: () => number;
  timeoutMs?: number;
  resolve?: ResolveAll;
  /** Extra trusted CA (tests). */
  ca?: string | Buffer;
}

/** What a channel's error answer says: a short text and, for 429s, how long to wait. */
export interface AnswerReading {
  error: string;
  retryAfterMs?: number;
}

export type ReadAnswer = (status: number, body: string, headers: IncomingHttpHeaders, nowMs: number) => AnswerReading;

export function outcomeOfPost(result: PostResult, spec: ChannelSpec, read: ReadAnswer, ctx: SendContext): DeliveryOutcome {
  const clean = (text: string) => redactForChannel(text, spec);
  switch (result.kind) {
    case "refused":
      return { kind: "permanent", error: clean(`${spec.type}: refused by the endpoint guard (${result.reason})`) };
    case "timeout":
      return {
        kind: "retry",
        error: clean(`${spec.type}: no answer within ${Math.round((ctx.timeoutMs ?? ATTEMPT_TIMEOUT_MS) / 100) / 10} s`),
      };
    case "network":
      return { kind: "retry", error: clean(`${spec.type}: network error ${result.code}`) };
    case "response": {
      if (result.status >= 200 && result.status < 300) return { kind: "ok", status: result.status };
      const reading = read(result.status, result.body, result.headers, (ctx.now ?? Date.now)());
      return outcomeOfStatus(result.status, clean(reading.error), reading.retryAfterMs);
    }
  }
}

/** The standard `Retry-After` header, for channels that have nothing better. */
export function retryAfterHeader(headers: IncomingHttpHeaders, nowMs: number): number | undefined {
  const value = headers["retry-after"];
  return parseRetryAfter(Array.isArray(value) ? value[0] : value, nowMs);
}

/** JSON or nothing: error bodies are read defensively (proxies answer HTML). */
export function jsonObject(body: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
