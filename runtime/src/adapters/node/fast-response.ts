/**
 * A lighter `Response` for the embedded server. A WHATWG `Response` builds a web stream for every
 * body (≈10 µs, a sixth of the per-request budget), and almost every response here is a JSON string
 * with a few headers that the adapter writes with one `res.end(bytes)`. `FastResponse` keeps the
 * body and init as given and builds the real `Response` only when something asks for what only a
 * real one has (`body`, `text()`, `clone()`, …); the adapter reads the kept body with `preparedBody`.
 *
 * `installFastResponse()` makes it the global `Response` (the Node adapter calls it; the Lambda
 * bundle never does), so the app stays plain fetch-style: `new Response(…)`, `instanceof Response`
 * and the static `Response.json/redirect/error` behave as before. Bodies other than a string or
 * bytes, and anything the constructor would refuse, go straight to the real `Response`.
 */

import { LightHeaders } from "./light-headers.js";

const NativeResponse: typeof Response = globalThis.Response;
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
      return new NativeResponse(body, init) as unknown as FastResponse;
    }
    this.#body = (body ?? null) as KeptBody;
    this.#status = status;
    this.#init = init;
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof NativeResponse;
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
      this.#native = new NativeResponse(this.#body as BodyInit | null, { status: this.#status, headers: this.headers });
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
// from the real one, built on first use.
for (const name of Object.getOwnPropertyNames(NativeResponse.prototype)) {
  if (name === "constructor" || Object.prototype.hasOwnProperty.call(FastResponse.prototype, name)) continue;
  const descriptor = Object.getOwnPropertyDescriptor(NativeResponse.prototype, name)!;
  if (typeof descriptor.value === "function") {
    Object.defineProperty(FastResponse.prototype, name, {
      configurable: true,
      writable: true,
      value(this: FastResponse, ...args: unknown[]) {
        const native = FastResponse.materialise(this) as unknown as Record<string, (...a: unknown[]) => unknown>;
        return native[name]!(...args);
      },
    });
  } else if (descriptor.get) {
    Object.defineProperty(FastResponse.prototype, name, {
      configurable: true,
      get(this: FastResponse) {
        return (FastResponse.materialise(this) as unknown as Record<string, unknown>)[name];
      },
    });
  }
}
Object.defineProperty(FastResponse.prototype, Symbol.toStringTag, { value: "Response", configurable: true });
// `instanceof Response` holds for both kinds; static json/redirect/error return real Responses.
Object.setPrototypeOf(FastResponse.prototype, NativeResponse.prototype);
Object.setPrototypeOf(FastResponse, NativeResponse);

/** The kept body of a `FastResponse` not yet turned into a real one, else null (write it as a stream). */
export const preparedBody = (response: Response): { status: number; body: KeptBody } | null => FastResponse.prepared(response);

/** Makes `FastResponse` the global `Response` (idempotent). */
export function installFastResponse(): void {
  if (globalThis.Response === (FastResponse as unknown as typeof Response)) return;
  Object.defineProperty(globalThis, "Response", {
    value: FastResponse,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
