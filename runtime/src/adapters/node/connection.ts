/**
 * What happens to a request body the app did not read to the end (a 401 before the body, a 413, a
 * route that never reads one) so the connection stays usable:
 *
 * - what is left, up to `drainBytes` and within `drainMs`, is read and discarded after the answer,
 *   so the next request on a keep-alive connection (or Caddy's pooled upstream connection) is read;
 * - when more is declared than that (or more arrives, or it takes longer), the answer says
 *   `Connection: close` and the connection ends with a *lingering close*: we send our FIN after the
 *   answer and keep reading and discarding until the client closes, for at most `lingerMs`. Closing
 *   with unread bytes in the kernel's buffer sends a TCP reset, which makes many clients drop the
 *   answer they had not read yet (a 4.5 MB upload then never sees its 413).
 *
 * Node's own handling does not fit: it reads an untouched body to the end however large, stops
 * reading a body the app began and left (the connection then stalls), and destroys the socket
 * right after a `Connection: close` answer.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { BodyTally } from "./request.js";

export interface BodyLimits {
  /** Unread body bytes still discarded to keep the connection open. */
  drainBytes: number;
  /** Time allowed for that, from the moment the answer is written. */
  drainMs: number;
  /** How long a closing connection keeps discarding what the client still sends. */
  lingerMs: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = { drainBytes: 1024 * 1024, drainMs: 5_000, lingerMs: 5_000 };

const lingering = new WeakSet<Socket>();
const settled = new WeakSet<IncomingMessage>();

/** True once the connection is closing: no further request on it is answered. */
export const isClosing = (socket: Socket): boolean => lingering.has(socket);

/**
 * Call just before the answer's head is written. Decides between draining what is left of the body
 * (keep-alive) and closing after the answer.
 */
export function settleUnreadBody(req: IncomingMessage, res: ServerResponse, tally: BodyTally, limits: BodyLimits): void {
  // Read to the end, or complete and untouched (Node discards the buffered rest itself).
  if (req.readableEnded || (req.complete && !tally.opened) || settled.has(req)) return;
  settled.add(req);
  const socket = req.socket;
  if (!req.complete) {
    const declared = declaredLength(req);
    const unread = declared === null ? null : declared - tally.bytes - req.readableLength;
    if (unread !== null && unread > limits.drainBytes) {
      closeAfterAnswer(req, res, limits.lingerMs);
      return;
    }
  }
  // The app is done with the body: discard what is buffered and what is still to come, within limits.
  req.removeAllListeners("data");
  let discarded = 0;
  const timer = setTimeout(() => giveUp(), limits.drainMs);
  timer.unref();
  const giveUp = () => {
    clearTimeout(timer);
    req.off("data", onData);
    // The answer may still be on its way out; close only after it.
    if (res.writableFinished) lingeringClose(socket, limits.lingerMs, req);
    else res.once("finish", () => lingeringClose(socket, limits.lingerMs, req));
  };
  const onData = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limits.drainBytes) giveUp();
  };
  req.on("data", onData);
  req.once("end", () => clearTimeout(timer));
  req.once("close", () => clearTimeout(timer));
  req.resume();
}

/** The answer says `Connection: close`; once it is sent the connection lingers, then closes. */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse, lingerMs: number): void {
  res.setHeader("connection", "close");
  // Node ends a `Connection: close` response with socket.destroySoon(), i.e. destroy() as soon as
  // the answer is flushed: a reset while the client is still sending. Linger instead.
  const socket = req.socket;
  socket.destroySoon = () => lingeringClose(socket, lingerMs, req);
}

/**
 * Ends the connection without a reset: our FIN goes out after what is queued (the answer), and what
 * the client still sends is read and discarded — the unread body by Node's parser, with the
 * message flowing into nothing; a request pipelined after it is not answered (see `isClosing`) —
 * until the client closes too, or `lingerMs` passes.
 */
export function lingeringClose(socket: Socket, lingerMs: number, req?: IncomingMessage): void {
  if (socket.destroyed || lingering.has(socket)) return;
  lingering.add(socket);
  if (req && !req.readableEnded) {
    req.removeAllListeners("data");
    req.resume();
  }
  socket.end();
  const timer = setTimeout(() => socket.destroy(), lingerMs);
  timer.unref();
  socket.once("close", () => clearTimeout(timer));
}

function declaredLength(req: IncomingMessage): number | null {
  const value = req.headers["content-length"];
  if (value === undefined) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}
