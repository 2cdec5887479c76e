/**
 * The app as its hosts see it (hono/itty style): a `fetch` from a standard `Request` to a
 * `Response`. The Node server and the Lambda Function URL handler adapt their transport to it.
 */

/** What the entry adapter knows about the connection. */
export interface ConnectionInfo {
  remoteAddress?: string;
  /**
   * When the host stops waiting for the answer (epoch ms; Lambda: the invocation's remaining time
   * minus a margin). Unset: the app's own per-request deadline (`REQUEST_TIMEOUT_SECONDS`).
   */
  deadlineAt?: number;
}

export interface FetchApp {
  fetch(request: Request, info?: ConnectionInfo): Promise<Response>;
}

/**
 * A request body the host could not deliver in full (the client stopped sending, the connection
 * dropped): thrown by the body stream, answered as a 400 like any other bad request.
 */
export class RequestBodyError extends Error {
  override readonly name = "RequestBodyError";
  constructor(message = "The request body was not received in full") {
    super(message);
  }
}
