/**
 * The per-request facts every later stage uses: a request id, the client IP after TRUST_PROXY
 * rules, the public origin, and the deadline (the host's, or `REQUEST_TIMEOUT_SECONDS` from now). Forwarded headers count only from a trusted proxy (on AWS: a
 * request that carries CloudFront's origin-verify secret).
 */
import type { Config } from "../../config/types.js";
import { safeEqual } from "../../domain/auth/constant-time.js";
import { deadlineAt, deadlineIn } from "../../lib/deadline.js";
import { requestIds } from "../../lib/request-id.js";
import type { ConnectionInfo } from "../../ports/http.js";
import { clientIp, publicOrigin } from "../client-ip.js";
import type { RequestContext } from "../router.js";

/** One per app: request ids count per app instance. */
export function createRequestContext(config: Pick<Config, "originVerifySecret" | "trustProxy" | "baseUrl" | "requestTimeoutSeconds">) {
  const newRequestId = requestIds();

  return (request: Request, url: URL, info: ConnectionInfo): RequestContext => {
    const trustedProxy =
      config.originVerifySecret === null || safeEqual(request.headers.get("x-origin-verify") ?? "", config.originVerifySecret);
    return {
      requestId: newRequestId(),
      clientIp: clientIp(request.headers, info.remoteAddress, trustedProxy ? config.trustProxy : { mode: "none" }),
      origin: publicOrigin(config, request.headers, url, trustedProxy),
      deadline: info.deadlineAt !== undefined ? deadlineAt(info.deadlineAt) : deadlineIn(config.requestTimeoutSeconds * 1000),
      hostDeadline: info.deadlineAt !== undefined,
    };
  };
}
