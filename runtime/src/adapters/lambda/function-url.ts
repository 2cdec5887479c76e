/**
 * Lambda Function URL (payload format 2.0) ⇄ fetch `Request`/`Response`. The app only ever sees a
 * standard Request; everything Lambda-specific stays here.
 *
 * Neither direction builds Node's fetch classes when it need not (loading them is undici's
 * JavaScript, ~35 ms of a cold start: docs/benchmarks.md, issue #25): the request is a
 * `BufferedRequest` over the event, and a `FastResponse` (the Lambda API bundle installs it as the
 * global `Response`) is read from its kept body. Anything else is read as a real Response.
 */
import { BufferedRequest } from "../fetch-light/buffered-request.js";
import { keptBodyBuffer, preparedBody } from "../fetch-light/fast-response.js";
import { LightHeaders } from "../fetch-light/light-headers.js";

export interface FunctionUrlEvent {
  version?: string;
  rawPath: string;
  rawQueryString?: string;
  /** Lower-case names; repeated headers arrive comma-joined. */
  headers?: Record<string, string | undefined>;
  /** The Cookie header, split (Function URLs move it out of `headers`). */
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: {
    domainName?: string;
    http: { method: string; sourceIp?: string };
  };
}

export interface FunctionUrlResult {
  statusCode: number;
  headers: Record<string, string>;
  /** Set-Cookie values: Function URLs cannot carry repeated headers. */
  cookies?: string[];
  body: string;
  isBase64Encoded: boolean;
}

export function toRequest(event: FunctionUrlEvent): { request: Request; remoteAddress: string | undefined } {
  const headers = new LightHeaders();
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers.set(name, value);
  if (event.cookies?.length) headers.set("cookie", event.cookies.join("; "));
  const host = headers.get("host") ?? event.requestContext.domainName ?? "localhost";
  const query = event.rawQueryString ? `?${event.rawQueryString}` : "";
  const method = event.requestContext.http.method.toUpperCase();
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (event.body !== undefined && event.body !== null && method !== "GET" && method !== "HEAD") {
    // Binary bodies (multipart with a thumbnail) arrive base64-encoded; decoding to bytes keeps them intact.
    body = new Uint8Array(event.isBase64Encoded ? Buffer.from(event.body, "base64") : Buffer.from(event.body, "utf8"));
  }
  const request = new BufferedRequest(`https://${host}${event.rawPath || "/"}${query}`, { method, headers, body });
  return { request: request as unknown as Request, remoteAddress: event.requestContext.http.sourceIp };
}

const TEXT = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|application\/[\w.+-]*\+(json|xml)|image\/svg\+xml)/i;

export async function toResult(response: Response): Promise<FunctionUrlResult> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  // A FastResponse's kept body as it is; a real Response's read whole.
  const kept = preparedBody(response);
  const bytes = kept
    ? kept.body === null
      ? Buffer.alloc(0)
      : keptBodyBuffer(kept.body)
    : response.body
      ? Buffer.from(await response.arrayBuffer())
      : Buffer.alloc(0);
  const text = bytes.length === 0 || TEXT.test(response.headers.get("content-type") ?? "");
  const result: FunctionUrlResult = {
    statusCode: kept?.status ?? response.status,
    headers,
    body: text ? bytes.toString("utf8") : bytes.toString("base64"),
    isBase64Encoded: !text,
  };
  if (cookies.length > 0) result.cookies = cookies;
  return result;
}
