/**
 * A `Request` whose URL, headers and body are already in memory (a Lambda Function URL event's):
 * `method`, `url` and `headers` (a `LightHeaders`) are plain, and a real `Request` — undici's
 * JavaScript, ~35 ms of a cold start (fetch-classes.ts) — is built only when something asks for
 * what only a real one has: the body stream or a body method of a request that has a body,
 * `signal`, `clone()`, …. A `GET /api/health` never builds one.
 *
 * The constructor refuses what `new Request()` refuses for the parts it checks (a URL that does not
 * parse, a method that is not a token or is forbidden), with a TypeError, so a caller's handling
 * of a bad event is unchanged.
 */
import { BODY_METHODS, delegateToNative, fetchClasses, REQUEST_GETTERS } from "./fetch-classes.js";
import { LightHeaders } from "./light-headers.js";

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);
/** The methods `new Request()` upper-cases (the Fetch standard's "normalize"); others keep their case. */
const NORMALISED = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);

export interface BufferedRequestInit {
  method: string;
  headers: LightHeaders;
  /** Never with GET or HEAD (a real Request refuses that). */
  body?: Uint8Array<ArrayBuffer> | null;
}

export class BufferedRequest {
  readonly #url: string;
  readonly #method: string;
  readonly #headers: LightHeaders;
  readonly #body: Uint8Array<ArrayBuffer> | null;
  #native: Request | undefined;

  constructor(url: string, init: BufferedRequestInit) {
    const upper = init.method.toUpperCase();
    if (!TOKEN.test(init.method) || FORBIDDEN_METHODS.has(upper)) throw new TypeError(`'${init.method}' is not a valid HTTP method.`);
    this.#method = NORMALISED.has(upper) ? upper : init.method;
    if (init.body && (this.#method === "GET" || this.#method === "HEAD"))
      throw new TypeError("Request with GET/HEAD method cannot have body.");
    // Serialised as a real Request's `url` is; throws a TypeError for a URL that does not parse.
    this.#url = new URL(url).href;
    this.#headers = init.headers;
    this.#body = init.body ?? null;
  }

  get method(): string {
    return this.#method;
  }

  get url(): string {
    return this.#url;
  }

  /** The same object for the request's life (as NodeRequest's): a real Request built later copies it. */
  get headers(): Headers {
    return this.#headers as unknown as Headers;
  }

  /** No body, no real Request: `request.body` of a GET is null as on a real one. */
  get body(): ReadableStream<Uint8Array> | null {
    return this.#body ? this.#materialise().body : null;
  }

  get bodyUsed(): boolean {
    return this.#native ? this.#native.bodyUsed : false;
  }

  #materialise(): Request {
    // Node's Request, read only now: reading it loads undici (fetch-classes.ts).
    this.#native ??= new (fetchClasses().Request)(this.#url, {
      method: this.#method,
      headers: this.#headers as unknown as Headers,
      body: this.#body,
    });
    return this.#native;
  }

  static materialise(request: BufferedRequest): Request {
    return request.#materialise();
  }
}

// Everything else a Request has (signal, clone(), text(), …) comes from a real one, built on first use.
delegateToNative(
  BufferedRequest,
  "Request",
  {
    getters: REQUEST_GETTERS,
    methods: BODY_METHODS,
  },
  (self) => BufferedRequest.materialise(self),
);
