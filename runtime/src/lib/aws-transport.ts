/**
 * How the AWS adapters reach AWS: signed with SigV4 on plain values (sigv4.ts), sent over
 * `node:http`/`node:https`, answered with an `AwsResponse` holding the whole body. No WHATWG
 * `Request`, `Response` or `Headers` and no `fetch`: the first `fetch` of a process builds undici's
 * dispatcher and compiles its WebAssembly HTTP parser, and the classes alone load undici's
 * JavaScript (~35 ms of CPU) — costs the Lambda API bundle's init phase (Secrets Manager, then
 * DynamoDB) would otherwise pay before its first response (docs/benchmarks.md, issue #25).
 *
 * `sendSigned` fails like `fetch` — with the signal's reason when it aborts (a `TimeoutError` for
 * `AbortSignal.timeout`), with `TypeError("fetch failed", { cause })` when the connection fails —
 * so the adapters' timeout and outage handling keys on the same errors as before.
 */
import * as http from "node:http";
import * as https from "node:https";
import type { AwsCredentials } from "./aws-credentials.js";
import { createSigner, type SignedRequest } from "./sigv4.js";

/** What the AWS adapters read of an answer: a `Response`'s members, over a body already read. */
export interface AwsResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Sends one signed request and resolves the whole answer (the adapters' transport, injectable for tests). */
export type AwsTransport = (request: SignedRequest, signal?: AbortSignal) => Promise<AwsResponse>;

/** An answer read to its end: status, Node's parsed headers and the bytes. */
class ReadResponse implements AwsResponse {
  readonly headers: { get(name: string): string | null };
  constructor(
    readonly status: number,
    raw: http.IncomingHttpHeaders,
    private readonly bytes: Buffer,
  ) {
    // Node's names are lower-case and repeated headers arrive comma-joined (Set-Cookie as a list), as `Headers.get` answers.
    this.headers = {
      get(name) {
        const value = raw[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
    };
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  async text(): Promise<string> {
    return this.bytes.toString("utf8");
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.bytes.toString("utf8"));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return new Uint8Array(this.bytes).buffer;
  }
}

/**
 * Sends `request`; `signal` aborts the request and the body read (Node destroys the request when it
 * aborts, at once when it already has). Node's global agents keep connections alive (Node ≥ 19): a
 * warm container reuses its connections to AWS.
 */
export function sendSigned(request: SignedRequest, signal?: AbortSignal): Promise<AwsResponse> {
  const url = new URL(request.url);
  return new Promise<AwsResponse>((resolve, reject) => {
    // Connection refused or reset, a response cut short (Node destroys it with ECONNRESET): a
    // TypeError as from `fetch`; once the signal aborted, its reason.
    const fail = (cause: unknown) => reject(signal?.aborted ? signal.reason : new TypeError("fetch failed", { cause }));
    const options: http.RequestOptions = { method: request.method, headers: request.headers, ...(signal ? { signal } : {}) };
    (url.protocol === "https:" ? https : http)
      .request(url, options, (res) => {
        const chunks: Buffer[] = [];
        res
          .on("data", (chunk: Buffer) => chunks.push(chunk))
          .on("error", fail)
          .on("end", () => resolve(new ReadResponse(res.statusCode ?? 0, res.headers, Buffer.concat(chunks))));
      })
      .on("error", fail)
      // `end(body)` before any write sends a Content-Length, as `fetch` does for a known-length body.
      .end(request.body);
  });
}

/**
 * An adapter's transport: `sendSigned`, or, when a test injects a WHATWG `fetch` to observe or fake
 * calls, that `fetch` given a `Request` built from the signed one (its `Response` is an `AwsResponse`).
 */
export function transportOver(doFetch?: (input: Request, init: { signal?: AbortSignal }) => Promise<Response>): AwsTransport {
  if (!doFetch) return sendSigned;
  return ({ url, method, headers, body }, signal) =>
    doFetch(new Request(url, { method, headers, body: body as BodyInit | undefined }), { signal });
}

export interface AwsHttpClientOptions extends AwsCredentials {
  service: string;
  region: string;
  /** Retries of a 5xx or 429 answer (default 10, as aws4fetch). */
  retries?: number;
  /** The first retry's backoff ceiling, doubled per retry (default 50 ms). */
  initRetryMs?: number;
  /** Default `sendSigned`. */
  transport?: AwsTransport;
}

export interface AwsFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
}

/**
 * Signs and sends with aws4fetch's retry policy, which the adapters relied on: 5xx and 429 are
 * retried `retries` times with full-jitter backoff (each attempt signed afresh); a connection error
 * is not retried.
 */
export class AwsHttpClient {
  readonly retries: number;
  readonly initRetryMs: number;
  readonly #sign: ReturnType<typeof createSigner>;
  readonly #send: AwsTransport;

  constructor(opts: AwsHttpClientOptions) {
    this.#sign = createSigner(opts);
    this.#send = opts.transport ?? sendSigned;
    this.retries = opts.retries ?? 10;
    this.initRetryMs = opts.initRetryMs || 50;
  }

  async fetch(url: string, init: AwsFetchInit = {}): Promise<AwsResponse> {
    const { signal, ...request } = init;
    for (let i = 0; ; i++) {
      const res = await this.#send(this.#sign({ url, ...request }), signal);
      if (i >= this.retries || (res.status < 500 && res.status !== 429)) return res;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * this.initRetryMs * 2 ** i));
    }
  }
}
