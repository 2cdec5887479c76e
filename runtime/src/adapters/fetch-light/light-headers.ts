/**
 * A `Headers` over a plain Map, for the embedded server's and the Lambda API's requests and `FastResponse`s. The native
 * Headers runs every call through WebIDL conversion and validation (≈0.3–0.5 µs each), and a request
 * makes a dozen such calls (the router, the common headers, the adapter reading them back): a
 * third of what the app itself costs per request. This one validates with two regular expressions,
 * keeps names lower-case, and hands the adapter its entries without sorting.
 *
 * It passes `instanceof Headers` and behaves as the Fetch standard says (lower-case names, values
 * combined with ", ", `Set-Cookie` kept apart, iteration sorted by name, whitespace trimmed, invalid
 * names or values a TypeError); a native Headers, Request or Response built from it copies it.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import { whenFetchClassesLoad } from "./fetch-classes.js";

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// NUL, CR, LF, or anything past Latin-1 (not a ByteString).
const INVALID_VALUE = /[\0\r\n\u0100-\uffff]/;
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;

function headerName(name: string): string {
  const s = String(name);
  if (!TOKEN.test(s)) throw new TypeError(`Invalid header name: "${s}"`);
  return s.toLowerCase();
}

function headerValue(value: string): string {
  let s = String(value);
  if (s.length > 0 && (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32)) s = s.replace(EDGE_WHITESPACE, "");
  if (INVALID_VALUE.test(s)) throw new TypeError("Invalid header value");
  return s;
}

export class LightHeaders {
  readonly #map = new Map<string, string>();
  #cookies: string[] | null = null;

  constructor(init?: HeadersInit | null) {
    if (init === undefined || init === null) return;
    if (typeof init !== "object") throw new TypeError("Headers init must be an object");
    if (init instanceof LightHeaders) {
      for (const [k, v] of init.#map) this.#map.set(k, v);
      if (init.#cookies) this.#cookies = [...init.#cookies];
    } else if (Symbol.iterator in init) {
      for (const pair of init as Iterable<Iterable<string>>) {
        const [name, value, ...rest] = [...pair];
        if (name === undefined || value === undefined || rest.length > 0) throw new TypeError("Header pairs must be [name, value]");
        this.append(name, value);
      }
    } else {
      const record = init as Record<string, string>;
      for (const name of Object.keys(record)) this.append(name, record[name]!);
    }
  }

  /** The headers Node's parser already validated, lower-cased and combined (a request's). */
  static fromIncoming(headers: IncomingHttpHeaders): LightHeaders {
    const out = new LightHeaders();
    for (const name of Object.keys(headers)) {
      const value = headers[name];
      if (value === undefined) continue;
      if (name === "set-cookie") out.#cookies = Array.isArray(value) ? [...value] : [value];
      else out.#map.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    return out;
  }

  append(name: string, value: string): void {
    const key = headerName(name);
    const v = headerValue(value);
    if (key === "set-cookie") (this.#cookies ??= []).push(v);
    else {
      const old = this.#map.get(key);
      this.#map.set(key, old === undefined ? v : `${old}, ${v}`);
    }
  }

  set(name: string, value: string): void {
    const key = headerName(name);
    const v = headerValue(value);
    if (key === "set-cookie") this.#cookies = [v];
    else this.#map.set(key, v);
  }

  get(name: string): string | null {
    const key = headerName(name);
    if (key === "set-cookie") return this.#cookies && this.#cookies.length > 0 ? this.#cookies.join(", ") : null;
    return this.#map.get(key) ?? null;
  }

  has(name: string): boolean {
    const key = headerName(name);
    return key === "set-cookie" ? this.#cookies !== null && this.#cookies.length > 0 : this.#map.has(key);
  }

  delete(name: string): void {
    const key = headerName(name);
    if (key === "set-cookie") this.#cookies = null;
    else this.#map.delete(key);
  }

  getSetCookie(): string[] {
    return this.#cookies ? [...this.#cookies] : [];
  }

  /** Sorted by name, each Set-Cookie on its own (the Fetch standard's "sort and combine"). */
  #sorted(): [string, string][] {
    const out: [string, string][] = [...this.#map];
    if (this.#cookies) for (const c of this.#cookies) out.push(["set-cookie", c]);
    return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  forEach(callback: (value: string, name: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [name, value] of this.#sorted()) callback.call(thisArg, value, name, this as unknown as Headers);
  }

  *entries(): HeadersIterator<[string, string]> {
    yield* this.#sorted();
  }

  *keys(): HeadersIterator<string> {
    for (const [name] of this.#sorted()) yield name;
  }

  *values(): HeadersIterator<string> {
    for (const [, value] of this.#sorted()) yield value;
  }

  [Symbol.iterator](): HeadersIterator<[string, string]> {
    return this.entries();
  }

  /** The entries as `res.writeHead()` takes them, unsorted. */
  static outgoing(headers: Headers): OutgoingHttpHeaders {
    const out: OutgoingHttpHeaders = {};
    if (headers instanceof LightHeaders) {
      for (const [k, v] of headers.#map) out[k] = v;
      if (headers.#cookies && headers.#cookies.length > 0) out["set-cookie"] = [...headers.#cookies];
      return out;
    }
    headers.forEach((value, key) => {
      if (key !== "set-cookie") out[key] = value;
    });
    const cookies = headers.getSetCookie();
    if (cookies.length > 0) out["set-cookie"] = cookies;
    return out;
  }
}

Object.defineProperty(LightHeaders.prototype, Symbol.toStringTag, { value: "Headers", configurable: true });
// `instanceof Headers` once Node's Headers exists (reading it earlier would load undici: fetch-classes.ts).
whenFetchClassesLoad(({ Headers }) => Object.setPrototypeOf(LightHeaders.prototype, Headers.prototype));
