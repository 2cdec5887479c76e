/** AWS: CloudFront adds the origin-verify header; anything reaching the Function URL directly is refused (403). */
import type { Config } from "../../config/types.js";
import { safeEqual } from "../../domain/auth/constant-time.js";
import { json } from "../../lib/json-response.js";
import type { Middleware } from "./compose.js";

export const originVerify =
  (config: Pick<Config, "originVerifySecret">): Middleware =>
  async (request, next) => {
    if (config.originVerifySecret !== null) {
      const given = request.headers.get("x-origin-verify") ?? "";
      if (!safeEqual(given, config.originVerifySecret)) return json({ detail: "Forbidden", code: "forbidden" }, 403);
    }
    return next();
  };
