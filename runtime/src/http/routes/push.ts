/**
 * /api/push/* (product.md §4, §7): every route behind the verified session; the work is in
 * `app/push/subscriptions.ts`.
 */
import { pushStatus, subscribePush, unsubscribePush } from "../../app/push/subscriptions.js";
import {
  PushStatusQuery,
  SubscribeBody,
  UnsubscribeBody,
  type PushStatus,
  type SubscribeResponse,
  type UnsubscribeResponse,
  type VapidPublicKeyResponse,
} from "../../contract/api/push.js";
import { readJson } from "../body.js";
import { HttpError, validationFailed } from "../errors.js";
import { json } from "../../lib/json-response.js";
import type { AppRequest, RouteModule } from "../router.js";
import { parseWith, queryObject } from "../validate.js";

const notConfigured = () => new HttpError(501, "push_not_configured", "Push notifications are not configured on this server");

export const registerPushRoutes: RouteModule = (router, deps, state) => {
  const { config, store } = deps;

  router.get("/api/push/vapid-public-key", (request: AppRequest) => {
    state.requireSession(request);
    if (!config.vapid) throw notConfigured();
    return json({ public_key: config.vapid.publicKey } satisfies VapidPublicKeyResponse);
  });

  router.post("/api/push/subscribe", async (request: AppRequest) => {
    const { name } = state.requireSession(request);
    const vapid = config.vapid;
    if (!vapid) throw notConfigured();
    const body = parseWith(SubscribeBody, await readJson(request));
    const result = await subscribePush(
      { ...body, name, acceptLanguage: request.headers.get("accept-language") },
      { ...deps, vapidPublicKey: vapid.publicKey },
    );
    if (!result.ok) {
      if (result.reason === "invalid_keys") throw validationFailed(result.errors);
      throw new HttpError(422, "endpoint_not_allowed", `Push endpoint not allowed: ${result.detail}`);
    }
    return json({ status: "subscribed" } satisfies SubscribeResponse, result.outcome === "created" ? 201 : 200);
  });

  router.delete("/api/push/subscribe", async (request: AppRequest) => {
    const { name } = state.requireSession(request);
    const body = parseWith(UnsubscribeBody, await readJson(request));
    if (!(await unsubscribePush(name, body.endpoint, store))) {
      throw new HttpError(404, "not_found", "No such push subscription for this name");
    }
    return json({ status: "unsubscribed" } satisfies UnsubscribeResponse);
  });

  router.get("/api/push/status", async (request: AppRequest) => {
    const { name } = state.requireSession(request);
    const query = parseWith(PushStatusQuery, queryObject(new URL(request.url)));
    return json((await pushStatus(name, query.endpoint, { store, vapidPublicKey: config.vapid?.publicKey ?? null })) satisfies PushStatus);
  });
};
