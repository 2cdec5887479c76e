/**
 * HTTP/1.1 over a raw TCP socket, for tests of what a client library hides: pipelined requests,
 * bodies sent in part or not read by the server, malformed requests, and how the server ended the
 * connection (a FIN after its answer, or a reset that may have cost the client the answer).
 *
 *   const c = await rawConnect(port);
 *   c.write("POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc" + "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
 *   const [first, second] = await c.responses(2);
 *   expect(await c.ended()).toBe("open");
 */
import { connect, type Socket } from "node:net";

export interface RawResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  text(): string;
  json(): unknown;
}

export type ConnectionEnd = "open" | "end" | "reset";

export interface RawConnection {
  socket: Socket;
  /** Writes bytes; resolves once the kernel took them (or the connection failed, which `ended()` reports). */
  write(data: string | Buffer): Promise<void>;
  /** The first `n` complete responses (1xx interim answers skipped); rejects after `timeoutMs` with what arrived. */
  responses(n: number, timeoutMs?: number): Promise<RawResponse[]>;
  /**
   * How the connection ended, waiting for it to close: after the server's FIN ("end"), or with a
   * reset at any point ("reset"); "open" if the server has not ended it within `timeoutMs`.
   */
  ended(timeoutMs?: number): Promise<ConnectionEnd>;
  /** Everything received so far. */
  received(): Buffer;
  close(): void;
}

export function rawConnect(port: number, host = "127.0.0.1"): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host });
    let buf = Buffer.alloc(0);
    let end: ConnectionEnd = "open";
    const waiters = new Set<() => void>();
    const wake = () => {
      for (const w of [...waiters]) w();
    };
    socket.on("data", (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      wake();
    });
    socket.on("end", () => {
      if (end === "open") end = "end";
      wake();
    });
    socket.on("error", (err: NodeJS.ErrnoException) => {
      end = err.code === "ECONNRESET" || err.code === "EPIPE" ? "reset" : end === "open" ? "reset" : end;
      wake();
    });
    socket.on("close", wake);
    socket.once("connect", () => {
      socket.off("error", reject);
      resolve({
        socket,
        write: (data) =>
          new Promise<void>((ok) => {
            if (socket.destroyed) return ok();
            socket.write(data, () => ok());
          }),
        responses(n, timeoutMs = 10_000) {
          return new Promise((ok, fail) => {
            const check = () => {
              const parsed = parseResponses(buf, end !== "open" || socket.destroyed);
              if (parsed.length >= n) return done(() => ok(parsed.slice(0, n)));
              if (end !== "open" || socket.destroyed)
                return done(() => fail(new Error(`connection ${end} after ${parsed.length} of ${n} responses: ${preview(buf)}`)));
            };
            const timer = setTimeout(
              () =>
                done(() => fail(new Error(`${parseResponses(buf, false).length} of ${n} responses in ${timeoutMs} ms: ${preview(buf)}`))),
              timeoutMs,
            );
            const done = (f: () => void) => {
              clearTimeout(timer);
              waiters.delete(check);
              f();
            };
            waiters.add(check);
            check();
          });
        },
        ended(timeoutMs = 10_000) {
          return new Promise((ok) => {
            const check = () => {
              if (socket.closed) done();
            };
            const timer = setTimeout(() => done(), timeoutMs);
            const done = () => {
              clearTimeout(timer);
              waiters.delete(check);
              ok(end);
            };
            waiters.add(check);
            check();
          });
        },
        received: () => buf,
        close: () => socket.destroy(),
      });
    });
    socket.once("error", reject);
  });
}

const preview = (buf: Buffer): string => JSON.stringify(buf.subarray(0, 400).toString("latin1"));

/** Complete responses in `buf`; a response without a length counts as complete only once the connection ended. */
export function parseResponses(buf: Buffer, ended: boolean): RawResponse[] {
  const out: RawResponse[] = [];
  let at = 0;
  for (;;) {
    const headEnd = buf.indexOf("\r\n\r\n", at);
    if (headEnd < 0) return out;
    const lines = buf.subarray(at, headEnd).toString("latin1").split("\r\n");
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? "")?.[1]);
    if (!status) throw new Error(`not an HTTP response: ${preview(buf.subarray(at))}`);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    let next = headEnd + 4;
    let body: Buffer;
    if (status < 200) {
      at = next;
      continue;
    }
    if (status === 204 || status === 304) body = Buffer.alloc(0);
    else if (headers["transfer-encoding"]?.toLowerCase().includes("chunked")) {
      const chunks: Buffer[] = [];
      for (;;) {
        const lineEnd = buf.indexOf("\r\n", next);
        if (lineEnd < 0) return out;
        const size = parseInt(buf.subarray(next, lineEnd).toString("latin1"), 16);
        if (buf.length < lineEnd + 2 + size + 2) return out;
        chunks.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
        next = lineEnd + 2 + size + 2;
        if (size === 0) break;
      }
      body = Buffer.concat(chunks);
    } else if (headers["content-length"] !== undefined) {
      const length = Number(headers["content-length"]);
      if (buf.length < next + length) return out;
      body = buf.subarray(next, next + length);
      next += length;
    } else {
      if (!ended) return out;
      body = buf.subarray(next);
      next = buf.length;
    }
    const text = () => body.toString("utf8");
    out.push({ status, headers, body, text, json: () => JSON.parse(text()) });
    at = next;
  }
}
