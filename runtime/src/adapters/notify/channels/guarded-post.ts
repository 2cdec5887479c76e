/**
 * One POST to a channel, through the SSRF guard, with one deadline for everything (DNS, connect,
 * TLS, answer): the attempt's limit, or the current deadline (`lib/deadline.ts`) when sooner.
 * node:http(s) rather than `fetch`: only a socket-level `lookup` can refuse the address actually
 * connected to (DNS rebinding), and Node's fetch takes no lookup without the undici package.
 * Redirects are never followed: the guard approved this URL, not the next one.
 */
import type { IncomingHttpHeaders } from "node:http";
import { request as httpRequest } from "node:http";
import type { ChannelRequest } from "../../../domain/notify/messages.js";
import { ATTEMPT_TIMEOUT_MS } from "../../../domain/notify/delivery.js";
import { currentDeadline } from "../../../lib/deadline.js";
import {
  addressPolicyFor,
  checkOutboundUrl,
  policyLookupWith,
  resolveAll,
  type LookupFunction,
  type ResolveAll,
} from "../endpoint-guard.js";

export interface PostOptions {
  /** ALLOW_PRIVATE_ENDPOINTS. */
  allowPrivate: boolean;
  /** Plain http to private addresses (household ntfy+http); still needs `allowPrivate`. */
  allowPlainHttpToPrivate?: boolean;
  timeoutMs?: number;
  /** DNS seam (tests); the connection uses the same answers. */
  resolve?: ResolveAll;
  /** Extra trusted CA (tests: a fake's self-signed certificate). */
  ca?: string | Buffer;
}

export type PostResult =
  | { kind: "response"; status: number; headers: IncomingHttpHeaders; body: string }
  | { kind: "refused"; reason: string }
  | { kind: "timeout" }
  | { kind: "network"; code: string };

/** Answers are read for their error text only. */
const MAX_ANSWER_BYTES = 16 * 1024;
/** Codes of the guard's connect-time lookups (endpoint-guard.ts). */
const REFUSED_AT_CONNECT: Record<string, string> = {
  EPUSHPRIVATE: "non-public address at connect",
  EPLAINPUBLIC: "plain http to a public address at connect",
};

export async function guardedPost(req: ChannelRequest, opts: PostOptions): Promise<PostResult> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), currentDeadline().timeoutFor(opts.timeoutMs ?? ATTEMPT_TIMEOUT_MS));
  try {
    const check = await untilAborted(checkOutboundUrl(req.url, opts), deadline.signal);
    if (check === "aborted") return { kind: "timeout" };
    if (!check.ok) return { kind: "refused", reason: check.reason };
    return await post(req, opts, deadline.signal);
  } finally {
    clearTimeout(timer);
  }
}

async function post(req: ChannelRequest, opts: PostOptions, signal: AbortSignal): Promise<PostResult> {
  const url = new URL(req.url);
  const policy = addressPolicyFor(url, opts);
  // "any" without a DNS seam keeps node's own lookup; every other case pins the check to the socket.
  const lookup: LookupFunction | undefined =
    policy === "any" && !opts.resolve ? undefined : policyLookupWith(policy ?? "public", opts.resolve ?? resolveAll);
  const body = Buffer.from(req.body, "utf8");
  // node:https (and TLS) loads with the first https post, not at every start of the server (~4 ms).
  const send = url.protocol === "https:" ? (await import("node:https")).request : httpRequest;

  return new Promise<PostResult>((resolve) => {
    let settled = false;
    const settle = (result: PostResult) => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    const outgoing = send(
      url,
      {
        method: "POST",
        headers: { ...req.headers, "content-length": String(body.length) },
        agent: false,
        lookup: lookup as never,
        ca: opts.ca,
        signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          if (size < MAX_ANSWER_BYTES) chunks.push(chunk.subarray(0, MAX_ANSWER_BYTES - size));
          size += chunk.length;
        });
        res.on("end", () =>
          settle({ kind: "response", status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
        );
        const cut = () => settle(signal.aborted ? { kind: "timeout" } : { kind: "network", code: "ECONNRESET" });
        res.on("error", cut);
        res.on("close", cut); // after "end" this is a no-op
      },
    );
    outgoing.on("error", (err: NodeJS.ErrnoException) => {
      if (signal.aborted) return settle({ kind: "timeout" });
      const code = err.code ?? err.name;
      const refused = REFUSED_AT_CONNECT[code];
      settle(refused ? { kind: "refused", reason: refused } : { kind: "network", code });
    });
    outgoing.end(body);
  });
}

async function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T | "aborted"> {
  if (signal.aborted) return "aborted";
  return new Promise<T | "aborted">((resolve, reject) => {
    const onAbort = () => resolve("aborted");
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
