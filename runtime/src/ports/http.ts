/**
 * The app as its hosts see it (hono/itty style): a `fetch` from a standard `Request` to a
 * `Response`. The Node server and the Lambda Function URL handler adapt their transport to it.
 */

/** What the entry adapter knows about the connection. */
export interface ConnectionInfo {
  remoteAddress?: string;
}

export interface FetchApp {
  fetch(request: Request, info?: ConnectionInfo): Promise<Response>;
}
