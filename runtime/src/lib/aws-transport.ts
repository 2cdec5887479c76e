/**
 * How the AWS adapters send a request aws4fetch has signed: over `node:http`/`node:https`, not over
 * Node's `fetch`. The first `fetch` of a process builds undici's dispatcher and compiles its
 * WebAssembly HTTP parser; in the Lambda API bundle's init phase (Secrets Manager, then DynamoDB)
 * this transport cut process start → first response by ~15–25 ms and the process CPU by ~20–35 ms
 * (docs/benchmarks.md, issue #25). `Request`, `Response` and `Headers` still load undici's
 * JavaScript: aws4fetch signs into a `Request`, and this resolves a `Response`.
 *
 * `awsFetch` keeps `fetch`'s contract for what the adapters read: it resolves a WHATWG `Response`
 * (status, headers, the whole body) and rejects like `fetch` — with the signal's reason when it
 * aborts (a `TimeoutError` for `AbortSignal.timeout`), with `TypeError("fetch failed", { cause })`
 * when the connection fails — so the adapters' timeout and outage handling is unchanged.
 */
import * as http from "node:http";
import * as https from "node:https";
import { AwsClient } from "aws4fetch";

/**
 * Sends `input` (a signed `Request`); `init.signal`, else the request's own, aborts the request and
 * the body read (Node destroys the request when it aborts, at once when it already has). Node's
 * global agents keep connections alive (Node ≥ 19): a warm container reuses its connections to AWS.
 */
export async function awsFetch(input: Request, init?: { signal?: AbortSignal }): Promise<Response> {
  const signal = init?.signal ?? input.signal;
  const url = new URL(input.url);
  // `end(body)` before any write sends a Content-Length, as `fetch` does for a known-length body.
  const body = input.body ? Buffer.from(await input.arrayBuffer()) : undefined;
  return new Promise<Response>((resolve, reject) => {
    // Connection refused or reset, a response cut short (Node destroys it with ECONNRESET), a
    // status `Response` refuses: a TypeError as from `fetch`; once the signal aborted, its reason.
    const fail = (cause: unknown) => reject(signal.aborted ? signal.reason : new TypeError("fetch failed", { cause }));
    const options = { method: input.method, headers: Object.fromEntries(input.headers), signal };
    (url.protocol === "https:" ? https : http)
      .request(url, options, (res) => {
        const chunks: Buffer[] = [];
        res
          .on("data", (chunk: Buffer) => chunks.push(chunk))
          .on("error", fail)
          .on("end", () => {
            try {
              // No bytes, no body (204 and 304 must have none); repeated headers arrive comma-joined, as from `fetch`.
              const bytes = chunks.length > 0 ? (Buffer.concat(chunks) as Uint8Array<ArrayBuffer>) : null;
              resolve(new Response(bytes, { status: res.statusCode, headers: res.headers as Record<string, string> }));
            } catch (cause) {
              fail(cause);
            }
          });
      })
      .on("error", fail)
      .end(body);
  });
}

/**
 * aws4fetch's client, sending with `awsFetch`: the same signing and the same retries as
 * `AwsClient.fetch` (5xx and 429 are retried `retries` times with jittered backoff; a connection
 * error is not).
 */
export class AwsHttpClient extends AwsClient {
  override async fetch(...[input, init]: Parameters<AwsClient["fetch"]>): Promise<Response> {
    for (let i = 0; ; i++) {
      // The signed Request carries `init.signal`.
      const res = await awsFetch(await this.sign(input, init));
      if (i >= this.retries || (res.status < 500 && res.status !== 429)) return res;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * this.initRetryMs * 2 ** i));
    }
  }
}
