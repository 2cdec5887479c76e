/**
 * The scaffolding the channel fakes share: an HTTPS (or, for LAN services, plain http) server on loopback with a throwaway
 * self-signed certificate (the client trusts `ca`, so TLS verification stays on), bodies read
 * with a limit, and a queue of injected failures (an error status, a 429 with retry-after, or a
 * slow answer).
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { selfSignedCertificate } from "../../../runtime/test/support/self-signed.js";

export interface RawRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body was longer than the fake's limit (`body` holds only the first bytes). */
  tooLarge: boolean;
}

/** What the next request gets instead of (or before) the fake's normal behaviour. */
export interface InjectedFailure {
  /** Answer this status (5xx, 429, 408…) with the service's own error shape. */
  status?: number;
  /** With 429: seconds to wait, as the service says it. */
  retryAfter?: number;
  /** Answer only after this long (alone: then behave normally) — for deadlines. */
  delayMs?: number;
}

export interface HttpsFakeBase {
  /** `https://127.0.0.1:<port>` (`http://` when plain) */
  origin: string;
  /** The certificate to trust (pass as `ca`). */
  ca: Buffer;
  /** Requests seen, whatever the answer. */
  requestCount(): number;
  /** Queue failures for the next requests, in order. */
  failNext(...failures: InjectedFailure[]): void;
  close(): Promise<void>;
}

export type FakeHandler = (req: RawRequest, res: ServerResponse, failure: InjectedFailure | undefined) => void;

export async function startHttpsFake(opts: {
  maxBodyBytes: number;
  handle: FakeHandler;
  /** Serve plain http instead (a LAN service such as a household ntfy). */
  plainHttp?: boolean;
}): Promise<HttpsFakeBase> {
  const { key, cert } = await selfSignedCertificate({ commonName: "127.0.0.1", altNames: "IP:127.0.0.1,DNS:localhost" });
  const failures: InjectedFailure[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let count = 0;
  let origin = "";

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    count++;
    const failure = failures.shift();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (size <= opts.maxBodyBytes) chunks.push(chunk);
      size += chunk.length;
    });
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const raw: RawRequest = {
        method: req.method ?? "GET",
        url: new URL(req.url ?? "/", origin),
        headers: req.headers,
        body: body.subarray(0, opts.maxBodyBytes),
        tooLarge: size > opts.maxBodyBytes,
      };
      const answer = () => {
        if (!res.destroyed) opts.handle(raw, res, failure?.status === undefined ? undefined : failure);
      };
      if (failure?.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          answer();
        }, failure.delayMs);
        timers.add(timer);
      } else answer();
    });
  };
  const server = opts.plainHttp ? createHttpServer(onRequest) : createHttpsServer({ key, cert }, onRequest);
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `${opts.plainHttp ? "http" : "https"}://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    ca: cert,
    requestCount: () => count,
    failNext: (...next) => void failures.push(...next),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(`${JSON.stringify(body)}\n`);
}
