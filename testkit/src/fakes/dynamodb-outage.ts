/**
 * A DynamoDB endpoint in trouble, for what dynalite cannot do: it hangs (reads the request and
 * never answers), throttles every call (`400 ProvisionedThroughputExceededException`) or fails
 * every call (`500 InternalServerError`), forever. It speaks the JSON 1.0 protocol's error shape as
 * DynamoDB sends it: `Content-Type: application/x-amz-json-1.0`, `x-amzn-RequestId`, `x-amz-crc32`
 * of the body, and `{"__type": "com.amazonaws.dynamodb.v20120810#<Code>", "message": …}`. A request
 * that is not a signed `DynamoDB_20120810.*` call is refused as DynamoDB refuses it.
 *
 * Every request is recorded with the time it arrived, so a test can assert that nothing was sent
 * after a deadline.
 */
import { randomUUID } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { crc32 } from "node:zlib";

export type DynamoOutageMode = "hang" | "throttle" | "internal-error";

export interface DynamoOutageFake {
  /** The endpoint (`DYNAMODB_ENDPOINT`). */
  url: string;
  mode: DynamoOutageMode;
  /** Every request, in arrival order: the operation (`GetItem`…) and `Date.now()` on arrival. */
  calls: { op: string; at: number }[];
  close(): Promise<void>;
}

const ERRORS: Record<Exclude<DynamoOutageMode, "hang">, { status: number; code: string; message: string }> = {
  throttle: {
    status: 400,
    code: "ProvisionedThroughputExceededException",
    message:
      "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.",
  },
  "internal-error": { status: 500, code: "InternalServerError", message: "Internal server error" },
};

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/x-amz-json-1.0",
    "x-amzn-requestid": randomUUID().replace(/-/g, "").toUpperCase(),
    "x-amz-crc32": String(crc32(text)),
    "content-length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

export async function startDynamoOutageFake(mode: DynamoOutageMode): Promise<DynamoOutageFake> {
  const calls: DynamoOutageFake["calls"] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? "");
      const op = target.startsWith("DynamoDB_20120810.") ? target.slice("DynamoDB_20120810.".length) : "";
      if (!String(req.headers.authorization ?? "").startsWith("AWS4-HMAC-SHA256 ")) {
        return reply(res, 400, {
          __type: "com.amazon.coral.service#MissingAuthenticationTokenException",
          message: "Request is missing Authentication Token",
        });
      }
      if (!op) return reply(res, 400, { __type: "com.amazon.coral.service#UnknownOperationException" });
      calls.push({ op, at: Date.now() });
      if (fake.mode === "hang") return; // the connection stays open, unanswered, until the client gives up
      const error = ERRORS[fake.mode];
      reply(res, error.status, { __type: `com.amazonaws.dynamodb.v20120810#${error.code}`, message: error.message });
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const fake: DynamoOutageFake = {
    url: `http://127.0.0.1:${port}`,
    mode,
    calls,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
