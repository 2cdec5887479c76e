/** OpenAPI descriptions of `channels.ts`. */
import { ChannelIdParams, CreateChannelBody } from "../../contract/api/channels.js";
import { ChannelList, CreateChannelResponse, RemoveChannelResponse, TestChannelResponse } from "../../contract/api/channels.responses.js";
import { API_BODY_LIMIT } from "../body.js";
import { API_RATE_LIMITED, jsonBody, type ErrorDoc, type RouteDoc } from "../openapi/describe.js";

const NO_SUCH_CHANNEL: ErrorDoc = { status: 404, codes: ["not_found"], description: "The name has no channel with this id" };
const ID_NOTE = { id: "A channel id from `GET /api/channels` (`ch_` and 16 base64url characters); any other value is a 404" };

export const channelRouteDocs: RouteDoc[] = [
  {
    method: "GET",
    path: "/api/channels",
    tag: "channels",
    summary: "The session's notification channels, oldest first, with their last deliveries (never a token, webhook path or secret)",
    auth: "session",
    responses: { 200: { description: "The channels", schema: ChannelList } },
  },
  {
    method: "POST",
    path: "/api/channels",
    tag: "channels",
    summary: "Add an ntfy, Discord or signed webhook channel for the session's name",
    description:
      "After the schema, each type's URL rules are checked (https only; ntfy `https://host/topic` with an optional `token`; a Discord " +
      "webhook URL; any https URL for a webhook, with a `secret` of 16–256 printable characters or one generated and returned once): " +
      "a 422 `validation_failed` names the field. The host must resolve to public addresses unless `ALLOW_PRIVATE_ENDPOINTS`.",
    auth: "session",
    body: jsonBody(CreateChannelBody, API_BODY_LIMIT),
    responses: {
      201: {
        description: "Added (`secret` only when Stellarr generated a webhook's secret: shown this once)",
        schema: CreateChannelResponse,
      },
    },
    errors: [
      { status: 409, codes: ["too_many_channels"], description: "The name already has the most channels allowed (10)" },
      { status: 422, codes: ["endpoint_not_allowed"], description: "The channel's host is not a public address" },
      API_RATE_LIMITED,
    ],
  },
  {
    method: "DELETE",
    path: "/api/channels/:id",
    tag: "channels",
    summary: "Remove one of the session's channels",
    auth: "session",
    params: ChannelIdParams,
    paramNotes: ID_NOTE,
    responses: { 200: { description: "Removed", schema: RemoveChannelResponse } },
    errors: [NO_SUCH_CHANNEL],
  },
  {
    method: "POST",
    path: "/api/channels/:id/test",
    tag: "channels",
    summary: "Send one test message to a channel now (one attempt) and record it as its last delivery",
    description:
      "The embedded server sends it itself; on AWS the API function invokes the notifier function synchronously and waits for its " +
      "answer within the request's deadline, so the notifier's failures are 502/503/504 (the body is otherwise the same).",
    auth: "session",
    params: ChannelIdParams,
    paramNotes: ID_NOTE,
    responses: { 200: { description: "Sent or not: `delivered` and `last_delivery` say which", schema: TestChannelResponse } },
    errors: [
      NO_SUCH_CHANNEL,
      API_RATE_LIMITED,
      { status: 501, codes: ["channels_not_configured"], description: "AWS without a notifier function (`NOTIFIER_FUNCTION_NAME` unset)" },
      {
        status: 502,
        codes: ["notifier_error"],
        description: "AWS: the notifier function failed or could not be reached; nothing was sent",
      },
      { status: 503, codes: ["notifier_busy"], description: "AWS: the notifier function is throttled", retryAfter: "always" },
      {
        status: 504,
        codes: ["notifier_timeout"],
        description: "AWS: the notifier did not answer before the request's deadline (`last_delivery` tells later how it went)",
      },
    ],
  },
];
