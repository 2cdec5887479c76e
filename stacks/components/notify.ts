/**
 * Household notification channels (`stellarr:notifyUrls`, `stellarr:notifyWebhookSecret`,
 * `stellarr:notifyLocale`; docs/notifications.md), checked with the runtime's own parser when the stack is
 * deployed, so a typo fails `pulumi up` instead of every request of the deployed runtime. Pure. The
 * parser's problems name the entry's position, never the entry (it holds tokens); here they name the
 * config keys instead of the variables.
 */
import { parseHouseholdNotify } from "@stellarr/runtime/settings";

const CONFIG_KEYS: Record<string, string> = {
  NOTIFY_URLS: "stellarr:notifyUrls",
  NOTIFY_WEBHOOK_SECRET: "stellarr:notifyWebhookSecret",
  NOTIFY_LOCALE: "stellarr:notifyLocale",
};

/** Throws when the household channels would refuse the runtime's start-up (DNS and private addresses are the runtime's to check). */
export function checkHouseholdNotify(vars: { NOTIFY_URLS?: string; NOTIFY_WEBHOOK_SECRET?: string; NOTIFY_LOCALE?: string }): void {
  const parsed = parseHouseholdNotify(vars);
  if (parsed.ok) return;
  const problems = parsed.problems.map((p) => p.replace(/\bNOTIFY_(URLS|WEBHOOK_SECRET|LOCALE)\b/g, (v) => CONFIG_KEYS[v] ?? v));
  throw new Error(`Invalid notification settings:\n  - ${problems.join("\n  - ")}`);
}
