/**
 * /api/channels (product.md §4, docs/notifications.md): a signed-in name's notification channels.
 * Parse → `app/notify/personal-channels.ts` → shape; nothing returned holds a channel's secrets
 * except the one generated webhook secret, in the create response only. The use cases (and the
 * channel URL rules with them) load on first use, in their own chunk: no cold start pays for them.
 * A test goes through `deps.channels.test`: this process sends (embedded), or the AWS notifier
 * function does while the API function waits (its failures are 502/503/504, never a 500).
 */
import {
  CreateChannelBody,
  type ChannelList,
  type CreateChannelResponse,
  type RemoveChannelResponse,
  type TestChannelResponse,
} from "../../contract/api/channels.js";
import { CHANNELS_PATH } from "../../contract/urls.js";
import { subscriptionLocale } from "../../domain/push/locale.js";
import { json } from "../../lib/json-response.js";
import { ChannelTestUnavailableError, type TestedChannel } from "../../ports/channel-tester.js";
import { readJson } from "../body.js";
import { HttpError, validationFailed } from "../errors.js";
import type { AppRequest, RouteModule } from "../router.js";
import { parseWith } from "../validate.js";

const CHANNEL_ID = /^ch_[A-Za-z0-9_-]{16}$/;
type PersonalChannels = typeof import("../../app/notify/personal-channels.js");

const notFound = () => new HttpError(404, "not_found", "No such channel for this name");

/** The notifier function's failures as the API's errors (docs/notifications.md "On AWS"). */
function unavailable(err: ChannelTestUnavailableError): HttpError {
  switch (err.kind) {
    case "timeout":
      return new HttpError(
        504,
        "notifier_timeout",
        "The notifier did not answer in time; the channel's last delivery will say how it went",
      );
    case "busy":
      return new HttpError(503, "notifier_busy", "The notifier is busy; try again shortly", { headers: { "retry-after": "5" } });
    case "failed":
      return new HttpError(502, "notifier_error", "The notifier failed; nothing was sent");
  }
}

export const registerChannelRoutes: RouteModule = (router, deps, state) => {
  const { store, clock } = deps;
  let loaded: Promise<PersonalChannels> | null = null;
  const personal = (): Promise<PersonalChannels> =>
    (loaded ??= import("../../app/notify/personal-channels.js")).catch((err: unknown) => {
      loaded = null; // a failed load is retried by the next request
      throw err;
    });
  const channelId = (request: AppRequest): string => {
    const id = String(request.params.id ?? "");
    if (!CHANNEL_ID.test(id)) throw notFound();
    return id;
  };

  router
    .get(CHANNELS_PATH, async (request: AppRequest) => {
      const { name } = state.requireSession(request);
      return json({ channels: await (await personal()).listPersonalChannels(name, store) } satisfies ChannelList);
    })

    .post(CHANNELS_PATH, async (request: AppRequest) => {
      const { name } = state.requireSession(request);
      state.apiRateLimit.enforce(name);
      const body = parseWith(CreateChannelBody, await readJson(request));
      const locale = subscriptionLocale(body.locale, request.headers.get("accept-language"));
      deps.channels?.origin.remember(request.ctx.origin);
      const result = await (await personal()).createPersonalChannel(name, body, locale, { store, guard: deps.pushEndpointGuard, clock });
      if (!result.ok) {
        switch (result.reason) {
          case "invalid":
            throw validationFailed([{ path: [result.field], message: result.message }]);
          case "endpoint_not_allowed":
            throw new HttpError(422, "endpoint_not_allowed", `Channel URL not allowed: ${result.detail}`);
          case "too_many":
            throw new HttpError(409, "too_many_channels", "This name already has the most channels allowed; remove one first");
        }
      }
      const created: CreateChannelResponse = { channel: result.channel };
      if (result.secret !== null) created.secret = result.secret;
      return json(created, 201);
    })

    .delete(`${CHANNELS_PATH}/:id`, async (request: AppRequest) => {
      const { name } = state.requireSession(request);
      if (!(await (await personal()).deletePersonalChannel(name, channelId(request), store))) throw notFound();
      return json({ status: "removed" } satisfies RemoveChannelResponse);
    })

    .post(`${CHANNELS_PATH}/:id/test`, async (request: AppRequest) => {
      const { name } = state.requireSession(request);
      state.apiRateLimit.enforce(name);
      const id = channelId(request);
      const channels = deps.channels;
      if (!channels) throw new HttpError(501, "channels_not_configured", "Channel notifications are not available on this server");
      channels.origin.remember(request.ctx.origin);
      let tested: TestedChannel | null;
      try {
        tested = await channels.test(name, id);
      } catch (err) {
        if (!(err instanceof ChannelTestUnavailableError)) throw err;
        deps.logger.warn("channel test: notifier unavailable", { request_id: request.ctx.requestId, kind: err.kind, error: err.message });
        throw unavailable(err);
      }
      if (!tested) throw notFound();
      return json({ delivered: tested.delivered, last_delivery: tested.last_delivery } satisfies TestChannelResponse);
    });
};
