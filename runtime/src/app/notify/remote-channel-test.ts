/**
 * A channel test on AWS (docs/notifications.md "On AWS"): the API function has no channel senders,
 * so it invokes the notifier function synchronously with `{test_channel: {owner, id, within_ms}}`
 * and waits; the notifier sends through the same senders and SSRF guard as its deliveries, records
 * the last delivery and answers `{found: false}` or `{found: true, delivered, last_delivery}`.
 *
 * Time: the API waits at most `TEST_WAIT_MS`, cut to its request's deadline; the notifier gets
 * `within_ms` = that wait less `REPLY_MARGIN_MS` (a cold start, the invocation's round trip), so
 * its answer arrives before the API stops waiting. Both ends check what crosses: an event and a
 * reply are untrusted input.
 */
import { ATTEMPT_TIMEOUT_MS } from "../../domain/notify/delivery.js";
import { currentDeadline } from "../../lib/deadline.js";
import { ChannelTestUnavailableError, type ChannelTester, type TestedChannel } from "../../ports/channel-tester.js";

/** One attempt (`ATTEMPT_TIMEOUT_MS`) plus the configuration read, the channel read and the record write around it. */
export const TEST_WAIT_MS = ATTEMPT_TIMEOUT_MS + 4_000;
/** Of the wait, what the notifier does not get: a cold start and the round trip of the answer. */
export const REPLY_MARGIN_MS = 2_000;
/** Less than this for the notifier and the test cannot succeed: answered as a timeout without invoking. */
const MIN_WITHIN_MS = 500;

export interface ChannelTestEvent {
  test_channel: { owner: string; id: string; within_ms: number };
}

export type ChannelTestReply = { found: false } | ({ found: true } & TestedChannel);

/** Invokes the notifier synchronously, waiting at most `timeoutMs`; throws `ChannelTestUnavailableError`. */
export type InvokeNotifier = (event: ChannelTestEvent, timeoutMs: number) => Promise<unknown>;

export function remoteChannelTester(invoke: InvokeNotifier): ChannelTester {
  return async (owner, id) => {
    const wait = currentDeadline().timeoutFor(TEST_WAIT_MS);
    const within = wait - REPLY_MARGIN_MS;
    if (within < MIN_WITHIN_MS) throw new ChannelTestUnavailableError("timeout", "no time left to ask the notifier");
    const reply = channelTestReplyOf(await invoke({ test_channel: { owner, id, within_ms: within } }, wait));
    if (!reply) throw new ChannelTestUnavailableError("failed", "the notifier's answer is not a channel test result");
    return reply.found ? { delivered: reply.delivered, last_delivery: reply.last_delivery } : null;
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The notifier's side: the test an event asks for, or null when it is something else. */
export function channelTestEventOf(event: unknown): ChannelTestEvent["test_channel"] | null {
  if (!isObject(event) || !isObject(event.test_channel)) return null;
  const { owner, id, within_ms } = event.test_channel;
  if (typeof owner !== "string" || typeof id !== "string" || typeof within_ms !== "number" || !Number.isFinite(within_ms)) return null;
  return { owner, id, within_ms: Math.max(0, Math.min(within_ms, TEST_WAIT_MS)) };
}

function channelTestReplyOf(reply: unknown): ChannelTestReply | null {
  if (!isObject(reply)) return null;
  if (reply.found === false) return { found: false };
  const last = reply.last_delivery;
  if (reply.found !== true || typeof reply.delivered !== "boolean" || !isObject(last)) return null;
  if ((last.status !== "ok" && last.status !== "failed") || typeof last.at !== "string") return null;
  if (last.error !== undefined && typeof last.error !== "string") return null;
  const last_delivery: TestedChannel["last_delivery"] = { status: last.status, at: last.at };
  if (typeof last.error === "string") last_delivery.error = last.error;
  return { found: true, delivered: reply.delivered, last_delivery };
}

/** The notifier's answer for a test's outcome (`testPersonalChannel`). */
export const channelTestReply = (tested: TestedChannel | null): ChannelTestReply =>
  tested ? { found: true, ...tested } : { found: false };
