/**
 * A lighter `Response` for the embedded server and the Lambda API. A WHATWG `Response` builds a web
 * stream for every body (≈10 µs, a sixth of the Node server's per-request budget) and its class
 * loads undici (~35 ms of a Lambda cold start), and almost every response here is a JSON string
 * with a few headers that the adapter writes with one `res.end(bytes)` (or one Lambda result). `FastResponse` keeps the
 * body and init as given and builds the real `Response` only when something asks for what only a
 * real one has (`body`, `text()`, `clone()`, …); the adapter reads the kept body with `preparedBody`.
 *
 * `installFastResponse()` makes it the global `Response` (the Node adapter and the Lambda API wiring
 * call it), so the app stays plain fetch-style: `new Response(…)`, `instanceof Response`
 * and the static `Response.json/redirect/error` behave as before. Bodies other than a string or
 * bytes, and anything the constructor would refuse, go straight to the real `Response`.
 */

import { BODY_METHODS, delegateToNative, fetchClasses, whenFetchClassesLoad } from "./fetch-classes.js";
import { LightHeaders } from "./light-headers.js";

// Node's Response, read when first needed: reading it loads undici (fetch-classes.ts).
const nativeResponse = (): typeof Response => fetchClasses().Response;
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
const TEXT_PLAIN = "text/plain;charset=UTF-8";

type KeptBody = string | Uint8Array | null;

export class FastResponse {
  #body: KeptBody = null;
  #status = 200;
  #init: ResponseInit | undefined;
  #headers: Headers | undefined;
  #native: Response | undefined;

  constructor(body?: BodyInit | null, init?: ResponseInit) {
    const status = init?.status ?? 200;
    const kept = body === undefined || body === null || typeof body === "string" || body instanceof Uint8Array;
    if (
      !kept ||
      !Number.isInteger(status) ||
      status < 200 ||
      status > 599 ||
      (body != null && NULL_BODY_STATUS.has(status)) ||
      (init?.statusText !== undefined && init.statusText !== "")
    ) {
      // The real constructor: other body types, and the errors it throws for a bad status.
      return new (nativeResponse())(body, init) as unknown as FastResponse;
    }
    this.#body = (body ?? null) as KeptBody;
    this.#status = status;
    this.#init = init;
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return (typeof value === "object" && value !== null && #native in value) || value instanceof nativeResponse();
  }

  // Response's static methods; they return real Responses.
  static json(data: unknown, init?: ResponseInit): Response {
    return nativeResponse().json(data, init);
  }

  static redirect(url: string | URL, status?: number): Response {
    return nativeResponse().redirect(url, status);
  }

  static error(): Response {
    return nativeResponse().error();
  }

  get status(): number {
    return this.#native ? this.#native.status : this.#status;
  }

  get ok(): boolean {
    const status = this.status;
    return status >= 200 && status < 300;
  }

  get statusText(): string {
    return this.#native ? this.#native.statusText : "";
  }

  get headers(): Headers {
    if (this.#native) return this.#native.headers;
    if (!this.#headers) {
      // A copy, as the real constructor makes: mutating it never reaches a shared init object.
      this.#headers = new LightHeaders(this.#init?.headers) as unknown as Headers;
      if (typeof this.#body === "string" && !this.#headers.has("content-type")) this.#headers.set("content-type", TEXT_PLAIN);
    }
    return this.#headers;
  }

  /** The real Response, built once; from then on every property reads from it. */
  #materialise(): Response {
    if (!this.#native) {
      this.#native = new (nativeResponse())(this.#body as BodyInit | null, { status: this.#status, headers: this.headers });
      this.#body = null;
      this.#headers = undefined;
    }
    return this.#native;
  }

  /** The kept body and status while no real Response exists; null once one does. */
  static prepared(response: Response): { status: number; body: KeptBody } | null {
    if (!(#native in response)) return null;
    const fast = response as unknown as FastResponse;
    if (fast.#native) return null;
    return { status: fast.#status, body: fast.#body };
  }

  static materialise(response: FastResponse): Response {
    return response.#materialise();
  }
}

// Everything else a Response has (body, bodyUsed, type, url, redirected, text(), clone(), …) comes
// from the real one, built on first use; `instanceof` holds for both kinds.
delegateToNative(FastResponse, "Response", { getters: ["type", "url", "redirected", "body", "bodyUsed"], methods: BODY_METHODS }, (self) =>
  FastResponse.materialise(self),
);
whenFetchClassesLoad(({ Response }) => Object.setPrototypeOf(FastResponse, Response));

/** A kept body as a Buffer over the same bytes (bytes are not copied). */
export const keptBodyBuffer = (body: string | Uint8Array): Buffer =>
  typeof body === "string" ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);

/** The kept body of a `FastResponse` not yet turned into a real one, else null (write it as a stream). */
export const preparedBody = (response: Response): { status: number; body: KeptBody } | null => FastResponse.prepared(response);

/** Makes `FastResponse` the global `Response` (idempotent). */
export function installFastResponse(): void {
  // The descriptor, not the value: reading globalThis.Response would load undici (fetch-classes.ts).
  if (Object.getOwnPropertyDescriptor(globalThis, "Response")?.value === FastResponse) return;
  Object.defineProperty(globalThis, "Response", {
    value: FastResponse,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
