/**
 * The Node adapter: `http.IncomingMessage` → lazy `Request` (request.ts) → `app.fetch` → `Response`
 * → socket. Kept cheap because every request pays for it: nothing is built that the route does not
 * read, and string/bytes bodies are written in one piece (fast-response.ts, write-response.ts).
 * It also owns what only a socket server has: unread request bodies (connection.ts), transport-level
 * errors (client-error.ts) and compression (compression.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from "node:http";
import { describeError } from "../../lib/errors.js";
import { JSON_TYPE } from "../../lib/json-response.js";
import type { FetchApp as App } from "../../ports/http.js";
import type { Logger } from "../../ports/logger.js";
import { nullLogger } from "../log/null-logger.js";
import { inflight, transportErrors, type TrackedSocket } from "./client-error.js";
import { CompressedCache } from "./compression.js";
import { DEFAULT_BODY_LIMITS, isClosing, settleUnreadBody, type BodyLimits } from "./connection.js";
import { installFastResponse } from "../fetch-light/fast-response.js";
import { NodeRequest } from "./request.js";
import { writeResponse } from "./write-response.js";

export interface NodeServerOptions {
  logger?: Logger;
  /** BASE_URL: decides HSTS on the answers written without the app (transport errors). */
  baseUrl?: string | null;
  /** Compress JSON answers over 1 KB (default true). */
  compression?: boolean;
  /** Where compressed bodies are kept per strong ETag (default: a new one per server). */
  compressedCache?: CompressedCache;
  bodyLimits?: BodyLimits;
  /** Node's own server options (timeouts, header size). */
  http?: ServerOptions;
}

const SAFE_HOST = /^[A-Za-z0-9.:[\]-]+$/;
const INTERNAL_ERROR = JSON.stringify({ detail: "Internal server error", code: "internal_error" });

export function createNodeServer(app: App, opts: NodeServerOptions = {}): Server {
  installFastResponse();
  const logger = opts.logger ?? nullLogger;
  const limits = opts.bodyLimits ?? DEFAULT_BODY_LIMITS;
  const write = { compression: opts.compression ?? true, cache: opts.compressedCache ?? new CompressedCache() };
  const errors = transportErrors({ logger, baseUrl: opts.baseUrl ?? null, lingerMs: limits.lingerMs });

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const socket = req.socket as TrackedSocket;
    // After a `Connection: close` answer nothing more on this connection is answered.
    if (isClosing(socket)) return void req.resume();
    socket[inflight] = res;
    const host = req.headers.host;
    // RFC 9112 §3.2: an HTTP/1.1 request without Host is a 400 (Node's own check would answer without our shape).
    if (host === undefined && req.httpVersionMajor === 1 && req.httpVersionMinor === 1)
      return errors.refuse(req, res, "Host header required");
    let request: NodeRequest;
    try {
      request = new NodeRequest(req, host !== undefined && SAFE_HOST.test(host) ? `http://${host}` : "http://localhost");
    } catch {
      return errors.refuse(req, res, "Malformed request target");
    }
    app
      .fetch(request as unknown as Request, { remoteAddress: socket.remoteAddress })
      .then((response) => {
        settleUnreadBody(req, res, request.tally, limits);
        return writeResponse(req, res, response, write);
      })
      .catch((err: unknown) => {
        logger.error("response failed", { error: describeError(err) });
        if (res.headersSent) return void res.destroy();
        settleUnreadBody(req, res, request.tally, limits);
        res.writeHead(500, { "content-type": JSON_TYPE, "content-length": Buffer.byteLength(INTERNAL_ERROR) }).end(INTERNAL_ERROR);
      });
  };

  const server = createServer({ ...opts.http, requireHostHeader: false }, handle);
  server.on("clientError", errors.onClientError);
  return server;
}
