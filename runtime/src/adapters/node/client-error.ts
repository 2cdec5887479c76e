/**
 * Transport-level errors (a request Node's parser refuses: malformed, headers too large, a body not
 * received within `requestTimeout`) answer like everything else (product.md §4): the JSON error
 * shape, `X-Request-Id`, the security headers, then `Connection: close` and a lingering close.
 * Only when nothing of another answer was written to the socket yet; a reset connection is simply
 * destroyed.
 */
import { STATUS_CODES } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { newRequestId } from "../../http/app.js";
import { JSON_TYPE } from "../../http/respond.js";
import { securityHeaders } from "../../http/security-headers.js";
import type { Logger } from "../../ports/logger.js";
import { closeAfterAnswer, isClosing, lingeringClose } from "./connection.js";

/** The answer being written on a socket, if any (set by the request handler). */
export const inflight = Symbol("stellarr.inflight");
export type TrackedSocket = Socket & { [inflight]?: ServerResponse };

const ANSWERS: Record<string, [status: number, code: string, detail: string]> = {
  HPE_HEADER_OVERFLOW: [431, "headers_too_large", "Request headers are too large"],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, "payload_too_large", "Chunk extensions are too large"],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "request_timeout", "The request was not received in time"],
};
const BAD_REQUEST: [number, string, string] = [400, "bad_request", "Malformed HTTP request"];

export interface TransportErrors {
  /** The server's `clientError` listener. */
  onClientError(err: NodeJS.ErrnoException, socket: TrackedSocket): void;
  /** Refuses a request before the app sees it (HTTP/1.1 without Host, a target no URL can be made of). */
  refuse(req: IncomingMessage, res: ServerResponse, detail: string): void;
}

export function transportErrors(opts: { logger: Logger; baseUrl: string | null; lingerMs: number }): TransportErrors {
  const security = securityHeaders({ baseUrl: opts.baseUrl }, JSON_TYPE);
  const answer = (status: number, code: string, detail: string) => {
    const requestId = newRequestId();
    const body = JSON.stringify({ detail, code });
    const headers: Record<string, string> = {
      "content-type": JSON_TYPE,
      "content-length": String(Buffer.byteLength(body)),
      "x-request-id": requestId,
      "cache-control": "no-store",
      ...security,
      connection: "close",
    };
    return { requestId, headers, body };
  };
  const log = (requestId: string, status: number, error: string, ip: string | undefined) =>
    opts.logger.info("client error", { request_id: requestId, status, error, ip });

  return {
    onClientError(err, socket) {
      // A closing connection ends by itself (the client's FIN or the linger time); what arrives
      // meanwhile — the rest of a refused body, half a request — is not worth an answer.
      if (isClosing(socket)) return;
      const answering = socket[inflight];
      if (err.code === "ECONNRESET" || !socket.writable || (answering && !answering.writableFinished && answering.headersSent)) {
        socket.destroy();
        return;
      }
      const [status, code, detail] = (err.code && ANSWERS[err.code]) || BAD_REQUEST;
      const { requestId, headers, body } = answer(status, code, detail);
      let head = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n`;
      for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
      socket.write(`${head}\r\n${body}`);
      lingeringClose(socket, opts.lingerMs);
      log(requestId, status, err.code ?? "unknown", socket.remoteAddress);
    },
    refuse(req, res, detail) {
      const { requestId, headers, body } = answer(400, "bad_request", detail);
      closeAfterAnswer(req, res, opts.lingerMs);
      res.writeHead(400, headers).end(body);
      log(requestId, 400, detail, req.socket.remoteAddress);
    },
  };
}
