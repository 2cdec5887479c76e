/**
 * A Lambda `Invoke` endpoint (REST: `POST /2015-03-31/functions/{FunctionName}/invocations`) as the
 * API function uses it: SigV4 for service `lambda` and the expected access key (the header's shape,
 * not the signature).
 * - `X-Amz-Invocation-Type: Event` → 202 with an empty body and the event queued here.
 * - `RequestResponse` (the default when the header is absent) runs the function's handler (`handle`)
 *   and answers 200 with its JSON result; a handler that throws is 200 with
 *   `X-Amz-Function-Error: Unhandled` and `{"errorType", "errorMessage", "trace"}`, as the Node.js
 *   runtime reports it. A function without a handler refuses synchronous calls (400).
 * Refuses as Lambda does: unknown function 404 `ResourceNotFoundException`, a payload over 256 KB
 * (async) or 6 MB (sync) 413 `RequestEntityTooLargeException`, a body that is not JSON 400
 * `InvalidRequestContentException`, errors as `{"Type": "User", "message"}` with `x-amzn-ErrorType`.
 * `dropNext` cuts connections without an answer (an unreachable endpoint, a reset).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface LambdaFake {
  url: string;
  /** Events queued per function name, in order. */
  events: Map<string, unknown[]>;
  /** Synchronous (RequestResponse) invocations per function name, in order. */
  invoked: Map<string, unknown[]>;
  /** The function code a RequestResponse invocation runs (null: refuse them). */
  handle(functionName: string, handler: ((event: unknown) => Promise<unknown>) | null): void;
  /** Makes the next `n` calls fail with `status` (throttling, service errors). */
  failNext(n: number, status: number, type: string): void;
  /** Cuts the next `n` connections without answering. */
  dropNext(n: number): void;
  close(): Promise<void>;
}

const ASYNC_PAYLOAD_LIMIT = 256 * 1024;
const SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024;

export async function startLambdaFake(opts: { accessKeyId?: string; functions: string[] }): Promise<LambdaFake> {
  const accessKeyId = opts.accessKeyId ?? "AKIDTEST";
  const events = new Map<string, unknown[]>(opts.functions.map((f) => [f, []]));
  const invoked = new Map<string, unknown[]>(opts.functions.map((f) => [f, []]));
  const handlers = new Map<string, (event: unknown) => Promise<unknown>>();
  let failures: { n: number; status: number; type: string } = { n: 0, status: 0, type: "" };
  let drops = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const refuse = (status: number, type: string, message: string) =>
        res
          .writeHead(status, { "content-type": "application/json", "x-amzn-errortype": type })
          .end(JSON.stringify({ Type: "User", message }));
      if (drops > 0) {
        drops--;
        return req.socket.destroy();
      }
      const auth = req.headers.authorization ?? "";
      if (!auth.startsWith(`AWS4-HMAC-SHA256 Credential=${accessKeyId}/`) || !/\/lambda\/aws4_request/.test(auth)) {
        return refuse(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
      }
      if (failures.n > 0) {
        failures.n--;
        return refuse(failures.status, failures.type, "injected failure");
      }
      const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(new URL(req.url ?? "/", "http://x").pathname);
      if (req.method !== "POST" || !match) return refuse(404, "UnknownOperationException", "Unknown operation");
      const name = decodeURIComponent(match[1]!);
      const queue = events.get(name);
      if (!queue)
        return refuse(404, "ResourceNotFoundException", `Function not found: arn:aws:lambda:us-east-1:123456789012:function:${name}`);
      const body = Buffer.concat(chunks);
      const type = req.headers["x-amz-invocation-type"] ?? "RequestResponse";
      if (type !== "Event" && type !== "RequestResponse") {
        return refuse(400, "InvalidParameterValueException", "This fake serves Event and RequestResponse invocations only");
      }
      if (body.length > (type === "Event" ? ASYNC_PAYLOAD_LIMIT : SYNC_PAYLOAD_LIMIT)) {
        return refuse(413, "RequestEntityTooLargeException", `Request must be smaller than ${type === "Event" ? 262144 : 6291456} bytes`);
      }
      let event: unknown;
      try {
        event = JSON.parse(body.toString("utf8"));
      } catch {
        return refuse(400, "InvalidRequestContentException", "Could not parse request body into json");
      }
      if (type === "Event") {
        queue.push(event);
        return res.writeHead(202, { "x-amzn-requestid": `req-${queue.length}` }).end();
      }
      const handler = handlers.get(name);
      if (!handler) return refuse(400, "InvalidParameterValueException", "This fake has no handler for this function");
      invoked.get(name)!.push(event);
      const headers = { "content-type": "application/json", "x-amz-executed-version": "$LATEST" };
      handler(event).then(
        (result) => res.writeHead(200, headers).end(JSON.stringify(result ?? null)),
        (err: unknown) =>
          res.writeHead(200, { ...headers, "x-amz-function-error": "Unhandled" }).end(
            JSON.stringify({
              errorType: err instanceof Error ? err.name : "Error",
              errorMessage: err instanceof Error ? err.message : String(err),
              trace: [],
            }),
          ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    events,
    invoked,
    handle(functionName, handler) {
      if (handler) handlers.set(functionName, handler);
      else handlers.delete(functionName);
    },
    failNext(n, status, type) {
      failures = { n, status, type };
    },
    dropNext(n) {
      drops = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A handler that never answers (a timeout test) keeps its connection open.
        server.closeAllConnections();
      }),
  };
}
