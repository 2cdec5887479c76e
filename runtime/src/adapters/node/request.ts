/**
 * The `Request` the app sees on the embedded server, built lazily from `http.IncomingMessage`:
 * `method` and `url` are strings, `headers` is built on first read, the body stream on first read
 * of `body`. It passes `instanceof Request`; anything else a Request has (`signal`, `clone()`,
 * `text()`, …) comes from a real `Request` built on first use. Properties the router sets on it
 * (`params`, `query`, `ctx`) are plain own properties, as on a real Request.
 *
 * The body stream reads the socket only as fast as the app pulls, counts what it took (so the
 * adapter knows how much of the body is left to drain), and on `cancel()` simply stops: the rest
 * is the adapter's to drain or to close on, never a destroyed socket (which would reset the
 * connection before the client reads the answer).
 */
import type { IncomingMessage } from "node:http";
import * as nodeStream from "node:stream";
import { RequestBodyError } from "../../ports/http.js";
import { delegateRequestToNative, fetchClasses } from "../fetch-light/fetch-classes.js";
import { LightHeaders } from "../fetch-light/light-headers.js";

/** What the body stream has taken from the message so far. */
export interface BodyTally {
  bytes: number;
  /** The stream exists (the app asked for the body). */
  opened: boolean;
}

// Node ≥ 16.8 has it (web streams included); @types/node does not declare it.
const { isDisturbed } = nodeStream as unknown as { isDisturbed(stream: ReadableStream): boolean };

export class NodeRequest {
  readonly #incoming: IncomingMessage;
  readonly #url: string;
  #headers: Headers | undefined;
  #body: ReadableStream<Uint8Array> | null | undefined;
  #native: Request | undefined;
  readonly tally: BodyTally = { bytes: 0, opened: false };

  constructor(incoming: IncomingMessage, base: string) {
    this.#incoming = incoming;
    const target = incoming.url ?? "/";
    // Origin-form targets ("/path?query", the usual case) need no parsing here: the app parses the URL once.
    this.#url = target.startsWith("/") && !target.startsWith("//") ? base + target : new URL(target, base).href;
  }

  get method(): string {
    return this.#incoming.method ?? "GET";
  }

  get url(): string {
    return this.#url;
  }

  get headers(): Headers {
    // Node's parsed headers: lower-case, repeated ones combined (and duplicate singletons such as
    // Host or Authorization dropped, as Node does).
    this.#headers ??= LightHeaders.fromIncoming(this.#incoming.headers) as unknown as Headers;
    return this.#headers;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#body === undefined) {
      const method = this.method;
      this.#body = method === "GET" || method === "HEAD" ? null : bodyStream(this.#incoming, this.tally);
    }
    return this.#body;
  }

  get bodyUsed(): boolean {
    return this.#body ? isDisturbed(this.#body) : false;
  }

  /** A real Request (for the rarely used rest of the interface), sharing this one's body stream. */
  #materialise(): Request {
    if (!this.#native) {
      const body = this.body;
      // Node's Request, read only now: reading it loads undici (fetch-classes.ts).
      this.#native = new (fetchClasses().Request)(this.#url, {
        method: this.method,
        headers: this.headers,
        body,
        // @ts-expect-error Node's fetch needs duplex for streamed request bodies
        duplex: body ? "half" : undefined,
      });
    }
    return this.#native;
  }

  static materialise(request: NodeRequest): Request {
    return request.#materialise();
  }
}

// Everything else a Request has (signal, clone(), text(), …) comes from a real one, built on first use.
delegateRequestToNative(NodeRequest, (self) => NodeRequest.materialise(self));

/** A pull-driven stream over the message body. Errors are a 400: the client stopped sending. */
function bodyStream(incoming: IncomingMessage, tally: BodyTally): ReadableStream<Uint8Array> {
  tally.opened = true;
  let detach = (): void => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const onData = (chunk: Buffer) => {
          tally.bytes += chunk.length;
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) incoming.pause();
        };
        const onEnd = () => {
          detach();
          controller.close();
        };
        const onAbort = () => {
          if (incoming.complete) return;
          detach();
          controller.error(truncated());
        };
        detach = () => {
          incoming.off("data", onData);
          incoming.off("end", onEnd);
          incoming.off("error", onAbort);
          incoming.off("close", onAbort);
        };
        incoming.on("data", onData);
        incoming.on("end", onEnd);
        incoming.on("error", onAbort);
        incoming.on("close", onAbort);
        incoming.pause();
      },
      pull() {
        incoming.resume();
      },
      cancel() {
        // Stop reading; what is left is drained (or the connection closed) by the adapter.
        detach();
        incoming.pause();
      },
    },
    { highWaterMark: 1 },
  );
}

const truncated = () => new RequestBodyError();
