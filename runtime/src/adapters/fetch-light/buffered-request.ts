/**
 * A `Request` whose URL, headers and body are already in memory (a Lambda Function URL event's):
 * `method`, `url` and `headers` (a `LightHeaders`) are plain, the body stream is a web
 * `ReadableStream` over the bytes (Node's own streams, not undici), and a real `Request` — undici's
 * JavaScript, ~35 ms of a cold start (fetch-classes.ts) — is built only when something asks for
 * what only a real one has: a body method (`text()`, `json()`, …), `signal`, `clone()`, …. The
 * app reads bodies from the stream (http/body.ts), so neither `GET /api/health` nor a login or a
 * Plex webhook on a cold container builds one.
 *
 * The constructor refuses what `new Request()` refuses for the parts it checks (a URL that does not
 * parse, a method that is not a token or is forbidden), with a TypeError, so a caller's handling
 * of a bad event is unchanged.
 */
import * as nodeStream from "node:stream";
import { delegateRequestToNative, fetchClasses } from "./fetch-classes.js";
import { LightHeaders } from "./light-headers.js";

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);
/** The methods `new Request()` upper-cases (the Fetch standard's "normalize"); others keep their case. */
const NORMALISED = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);
// Node ≥ 16.8 has it (web streams included); @types/node does not declare it.
const { isDisturbed } = nodeStream as unknown as { isDisturbed(stream: ReadableStream): boolean };

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
  #stream: ReadableStream<Uint8Array> | undefined;
  #native: Request | undefined;
  /** The real Request was built over `#stream` (not over the bytes, nor without a body). */
  #nativeHasStream = false;

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

  /** The bytes as one chunk of a web stream, the same stream on every read (null without a body, as a GET's). */
  get body(): ReadableStream<Uint8Array> | null {
    if (this.#stream) return this.#stream;
    if (this.#native) return this.#native.body;
    if (!this.#body) return null;
    const bytes = this.#body;
    this.#stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    return this.#stream;
  }

  get bodyUsed(): boolean {
    return (this.#stream !== undefined && isDisturbed(this.#stream)) || (this.#native?.bodyUsed ?? false);
  }

  /** Read through a real Request; a body already read from the stream is refused as a used body is. */
  async #read<T>(method: (request: Request) => Promise<T>): Promise<T> {
    const request = this.#materialise();
    if (this.#stream && !this.#nativeHasStream && (isDisturbed(this.#stream) || this.#stream.locked))
      throw new TypeError("Body is unusable: Body has already been read");
    return method(request);
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.#read((r) => r.arrayBuffer());
  }

  blob(): Promise<Blob> {
    return this.#read((r) => r.blob());
  }

  bytes(): Promise<Uint8Array> {
    return this.#read((r) => (r as unknown as { bytes(): Promise<Uint8Array> }).bytes());
  }

  formData(): Promise<FormData> {
    return this.#read((r) => r.formData());
  }

  json(): Promise<unknown> {
    return this.#read((r) => r.json());
  }

  text(): Promise<string> {
    return this.#read((r) => r.text());
  }

  /**
   * The real Request. Node's Request is read only now: reading it loads undici (fetch-classes.ts).
   * Its body is this one's stream while that is unread (so a read through either is seen by both),
   * the bytes when no stream was asked for, and nothing once the stream was read or locked (a
   * stream in use cannot become another Request's body; the body methods then refuse).
   */
  #materialise(): Request {
    if (!this.#native) {
      const stream = this.#stream;
      const usable = stream !== undefined && !isDisturbed(stream) && !stream.locked;
      this.#native = new (fetchClasses().Request)(this.#url, {
        method: this.#method,
        headers: this.#headers as unknown as Headers,
        body: stream ? (usable ? stream : null) : this.#body,
        // @ts-expect-error Node's fetch needs duplex for a streamed request body
        duplex: usable ? "half" : undefined,
      });
      this.#nativeHasStream = usable;
    }
    return this.#native;
  }

  static materialise(request: BufferedRequest): Request {
    return request.#materialise();
  }
}

// Everything else a Request has (signal, clone(), …) comes from a real one, built on first use.
delegateRequestToNative(BufferedRequest, (self) => BufferedRequest.materialise(self));
