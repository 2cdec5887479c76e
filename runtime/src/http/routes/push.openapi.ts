/** OpenAPI descriptions of `push.ts`. */
import { PushStatusQuery, SubscribeBody, UnsubscribeBody } from "../../contract/api/push.js";
import { PushStatus, SubscribeResponse, UnsubscribeResponse, VapidPublicKeyResponse } from "../../contract/api/push.responses.js";
import { API_BODY_LIMIT } from "../body.js";
import { jsonBody, type ErrorDoc, type RouteDoc } from "../openapi/describe.js";

const NOT_CONFIGURED: ErrorDoc = { status: 501, codes: ["push_not_configured"], description: "Web push is not configured (no VAPID keys)" };

export const pushRouteDocs: RouteDoc[] = [
  {
    method: "GET",
    path: "/api/push/vapid-public-key",
    tag: "push",
    summary: "The VAPID public key to subscribe the browser with",
    auth: "session",
    store: false,
    responses: { 200: { description: "The key", schema: VapidPublicKeyResponse } },
    errors: [NOT_CONFIGURED],
  },
  {
    method: "POST",
    path: "/api/push/subscribe",
    tag: "push",
    summary: "Subscribe this browser to notifications for the session's name",
    auth: "session",
    body: jsonBody(SubscribeBody, API_BODY_LIMIT),
    responses: {
      200: { description: "The subscription was already there (refreshed)", schema: SubscribeResponse },
      201: { description: "Subscribed", schema: SubscribeResponse },
    },
    errors: [
      NOT_CONFIGURED,
      { status: 422, codes: ["endpoint_not_allowed"], description: "The push endpoint is not a public push service" },
    ],
  },
  {
    method: "DELETE",
    path: "/api/push/subscribe",
    tag: "push",
    summary: "Unsubscribe a browser",
    auth: "session",
    body: jsonBody(UnsubscribeBody, API_BODY_LIMIT),
    responses: { 200: { description: "Unsubscribed", schema: UnsubscribeResponse } },
    errors: [{ status: 404, codes: ["not_found"], description: "No such subscription for this name" }],
  },
  {
    method: "GET",
    path: "/api/push/status",
    tag: "push",
    summary: "Whether this name (and this browser's endpoint) is subscribed",
    auth: "session",
    query: PushStatusQuery,
    responses: { 200: { description: "The status", schema: PushStatus } },
  },
];
