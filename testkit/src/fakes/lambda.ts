/**
 * A Lambda `Invoke` endpoint (REST: `POST /2015-03-31/functions/{FunctionName}/invocations`) for
 * asynchronous invocations, as the API function makes them: SigV4 for service `lambda` and the
 * expected access key (the header's shape, not the signature), `X-Amz-Invocation-Type: Event` →
 * 202 with an empty body and the event queued here. Refuses as Lambda does: unknown function 404
 * `ResourceNotFoundException`, a payload over 256 KB (the async limit) 413
 * `RequestEntityTooLargeException`, a body that is not JSON 400 `InvalidRequestContentException`,
 * errors as `{"Type": "User", "message"}` with `x-amzn-ErrorType`.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface LambdaFake {
  url: string;
  /** Events queued per function name, in order. */
  events: Map<string, unknown[]>;
  /** Makes the next `n` calls fail with `status` (throttling, service errors). */
  failNext(n: number, status: number, type: string): void;
  close(): Promise<void>;
}

const ASYNC_PAYLOAD_LIMIT = 256 * 1024;

export async function startLambdaFake(opts: { accessKeyId?: string; functions: string[] }): Promise<LambdaFake> {
  const accessKeyId = opts.accessKeyId ?? "AKIDTEST";
  const events = new Map<string, unknown[]>(opts.functions.map((f) => [f, []]));
  let failures: { n: number; status: number; type: string } = { n: 0, status: 0, type: "" };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const refuse = (status: number, type: string, message: string) =>
        res
          .writeHead(status, { "content-type": "application/json", "x-amzn-errortype": type })
          .end(JSON.stringify({ Type: "User", message }));
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
      if (body.length > ASYNC_PAYLOAD_LIMIT)
        return refuse(413, "RequestEntityTooLargeException", "Request must be smaller than 262144 bytes");
      if (req.headers["x-amz-invocation-type"] !== "Event") {
        return refuse(400, "InvalidParameterValueException", "This fake serves asynchronous (Event) invocations only");
      }
      let event: unknown;
      try {
        event = JSON.parse(body.toString("utf8"));
      } catch {
        return refuse(400, "InvalidRequestContentException", "Could not parse request body into json");
      }
      queue.push(event);
      res.writeHead(202, { "x-amzn-requestid": `req-${queue.length}` }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    events,
    failNext(n, status, type) {
      failures = { n, status, type };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
