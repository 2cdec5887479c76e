/**
 * Personal channels (product.md §4 `/api/channels`): list, add, remove and test, per signed-in
 * name. What leaves here is `describeChannel`'s view — type, host, masked tail, last delivery — and,
 * once, the secret Stellarr generated for a webhook; never a token, webhook path or secret.
 */
import { randomBytes } from "node:crypto";
import { channelTarget, describeChannel, parseStoredSpec, serializeSpec, type ChannelType } from "../../domain/notify/channel.js";
import type { DeliveryOutcome } from "../../domain/notify/delivery.js";
import type { ChannelFulfilment } from "../../domain/notify/messages.js";
import { validatePersonalChannel } from "../../domain/notify/personal.js";
import { currentDeadline, deadlineIn, withDeadline } from "../../lib/deadline.js";
import type { ChannelTester, TestedChannel } from "../../ports/channel-tester.js";
import type { Clock } from "../../ports/clock.js";
import type { PushEndpointGuard } from "../../ports/push-endpoint-guard.js";
import type { ChannelStore, PersonalChannelRecord } from "../../ports/store/channels.js";
import type { DeliveryStore, LastDelivery } from "../../ports/store/deliveries.js";
import type { SendOne } from "./channel-deliveries.js";
import type { PublicOrigin } from "./public-origin.js";

/** Enough for every phone and group chat of one person; a bound on what a session can make the server send. */
export const MAX_CHANNELS_PER_NAME = 10;

export interface ChannelView {
  id: string;
  type: ChannelType;
  host: string;
  masked: string;
  locale: string;
  created_at: string;
  last_delivery: LastDelivery | null;
}

type Store = Pick<ChannelStore, "listChannels" | "putChannel" | "getChannel" | "deleteChannel"> &
  Pick<DeliveryStore, "lastDeliveries" | "recordDelivery">;

function view(record: PersonalChannelRecord, last: LastDelivery | null): ChannelView | null {
  const spec = parseStoredSpec(record.spec);
  if (!spec) return null;
  const { type, host, masked } = describeChannel(spec);
  return { id: record.id, type, host, masked, locale: record.locale, created_at: record.created_at, last_delivery: last };
}

/** The name's channels, oldest first, with their last deliveries (two store reads whatever the count). */
export async function listPersonalChannels(owner: string, store: Store): Promise<ChannelView[]> {
  const records = await store.listChannels(owner);
  const last = await store.lastDeliveries(records.map((r) => r.id));
  return records.map((r, i) => view(r, last[i] ?? null)).filter((v): v is ChannelView => v !== null);
}

export type CreateChannelResult =
  | { ok: true; channel: ChannelView; /** Set once, when Stellarr generated the webhook secret. */ secret: string | null }
  | { ok: false; reason: "invalid"; field: string; message: string }
  | { ok: false; reason: "endpoint_not_allowed"; detail: string }
  | { ok: false; reason: "too_many" };

export async function createPersonalChannel(
  owner: string,
  body: unknown,
  locale: string,
  deps: { store: Store; guard: PushEndpointGuard; clock: Clock },
): Promise<CreateChannelResult> {
  const checked = validatePersonalChannel(body);
  if (!checked.ok) return { ok: false, reason: "invalid", field: checked.field, message: `${checked.field} ${checked.reason}` };
  // Personal channels are https only, so the push endpoint guard's rule is theirs too.
  const allowed = await deps.guard.check(channelTarget(checked.spec));
  if (!allowed.ok) return { ok: false, reason: "endpoint_not_allowed", detail: allowed.reason };
  const existing = await deps.store.listChannels(owner);
  if (existing.length >= MAX_CHANNELS_PER_NAME) return { ok: false, reason: "too_many" };
  const record: PersonalChannelRecord = {
    id: `ch_${randomBytes(12).toString("base64url")}`,
    owner,
    spec: serializeSpec(checked.spec),
    locale,
    created_at: new Date(deps.clock.now()).toISOString(),
  };
  await deps.store.putChannel(record);
  return { ok: true, channel: view(record, null)!, secret: checked.generatedSecret };
}

export const deletePersonalChannel = (owner: string, id: string, store: Pick<ChannelStore, "deleteChannel">): Promise<boolean> =>
  store.deleteChannel(owner, id);

/** What a test keeps of the request's time for recording the outcome after the send. */
const RECORD_RESERVE_MS = 1_000;

/**
 * Sends one test message now (one attempt, no dedupe claim) and records it as the channel's last
 * delivery. null when the name has no such channel. The send ends early enough under the current
 * deadline for the record to be written too.
 */
export async function testPersonalChannel(
  owner: string,
  id: string,
  deps: { store: Store; send: SendOne; origin: string; clock: Clock },
): Promise<TestedChannel | null> {
  const record = await deps.store.getChannel(owner, id);
  const spec = record && parseStoredSpec(record.spec);
  if (!record || !spec) return null;
  const sample: ChannelFulfilment = {
    media_type: "movie",
    tmdb_id: 0,
    title: "Stellarr test notification",
    year: null,
    poster_path: null,
    requested_by: owner,
    followers: [],
    url: new URL("/", deps.origin).href,
  };
  const sendWithin = deadlineIn(currentDeadline().remaining() - RECORD_RESERVE_MS);
  const outcome: DeliveryOutcome = await withDeadline(sendWithin, () => deps.send(spec, sample, record.locale));
  const last = lastDeliveryOf(outcome, deps.clock.now());
  await deps.store.recordDelivery(id, last);
  return { delivered: outcome.kind === "ok", last_delivery: last };
}

/** The embedded server's tester: this process sends, with the links' current origin. */
export const localChannelTester =
  (deps: { store: Store; send: SendOne; origin: PublicOrigin; clock: Clock }): ChannelTester =>
  (owner, id) =>
    testPersonalChannel(owner, id, { ...deps, origin: deps.origin.current() });

/** A delivery outcome (or a runner's settled result) as the channel's `last_delivery`. */
export function lastDeliveryOf(outcome: { kind: "ok" } | { kind: string; error: string }, atMs: number): LastDelivery {
  const at = new Date(atMs).toISOString();
  return "error" in outcome ? { status: "failed", at, error: outcome.error } : { status: "ok", at };
}
