/**
 * The last resort when the host kills a request at its deadline (Lambda: the invocation's end, a
 * margin after `ctx.deadline`). Adapters end every outbound call before the deadline and their
 * errors render as 503/502/504 first; should anything still run `HOST_DEADLINE_GRACE_MS` past it
 * (work that takes no deadline), the request is answered 503 `deadline_exceeded` with Retry-After
 * rather than leaving the platform to answer a bare 502. The embedded server has no such killer:
 * there a slow handler (a large upload on a slow link) is left to finish.
 */
import { json } from "../../lib/json-response.js";
import type { Logger } from "../../ports/logger.js";
import type { Middleware } from "./compose.js";

/** Inside the Lambda margin (`LAMBDA_DEADLINE_MARGIN_MS`, 1 s): after the adapters' own errors, before the kill. */
export const HOST_DEADLINE_GRACE_MS = 250;

export const hostDeadline =
  (logger: Logger): Middleware =>
  (request, next) => {
    const { deadline, hostDeadline: killedAtDeadline, requestId } = request.ctx;
    if (!killedAtDeadline) return next();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<Response>((resolve) => {
      timer = setTimeout(() => {
        logger.error("request outlived its deadline", { request_id: requestId, path: new URL(request.url).pathname });
        resolve(json({ detail: "The request could not be completed in time", code: "deadline_exceeded" }, 503, { "retry-after": "5" }));
      }, deadline.remaining() + HOST_DEADLINE_GRACE_MS);
    });
    return Promise.race([next(), late]).finally(() => clearTimeout(timer));
  };
