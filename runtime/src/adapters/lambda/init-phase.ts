/**
 * Lambda's init phase: the module-load time of a new container, before its first event (and, with
 * provisioned concurrency or proactive initialisation, long before it). One-time costs paid here
 * are not paid by the first request. `prepare` reads the secret and builds the app, and on the way
 * pays for:
 *
 * - `node:http`/`node:https` (TLS) and the first connection: the AWS adapters sign with
 *   `node:crypto` on plain values (lib/sigv4.ts) and send over Node's HTTP client
 *   (lib/aws-transport.ts) — no `fetch` (undici's dispatcher and WebAssembly parser), no
 *   `Request`/`Headers` (undici's JavaScript, ~35 ms of CPU) and no Web Crypto; the event and the
 *   answer are light stand-ins too (adapters/fetch-light/), so a `GET /api/health` never loads
 *   Node's fetch classes (test/lambda/light-fetch.test.ts);
 * - the SigV4 signing key of Secrets Manager (four synchronous HMACs);
 * - the secret's round trip, its validation, and the app's construction.
 *
 * `prepare` never throws: whatever fails is met again by the first invocation, which retries or
 * answers it. An incomplete environment fails before any of the above, so importing the bundle
 * without configuration (the bench's cold import) measures the module load alone.
 *
 * The init phase waits for `prepare` (top-level await in the entry), up to `waitMs`: Lambda asks for
 * the first event only once the module has loaded, so an unawaited `prepare` would still be running
 * — or frozen with the sandbox, under provisioned concurrency — when that event arrives, and the
 * first invocation would pay for the rest. A slow Secrets Manager delays the init by `waitMs` at
 * most; past it, the first invocation joins the read in flight.
 *
 * (Each DynamoDB client derives its own SigV4 key on its first call: four HMACs, a few
 * microseconds.)
 */
export const INIT_WAIT_MS = 2_000;

export async function initPhase(prepare: () => Promise<void>, waitMs = INIT_WAIT_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cap = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, waitMs);
    timer.unref?.();
  });
  await Promise.race([prepare(), cap]);
  clearTimeout(timer);
}
