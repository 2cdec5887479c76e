/**
 * Published as `@stellarr/runtime/settings`: the pure rules a deploy-time program needs to refuse a
 * setting the runtime's start-up would refuse (a typo then fails `pulumi up` instead of every request
 * of the deployed runtime). Re-exports only — the rules live where the runtime uses them.
 */
export { parseHouseholdNotify } from "./notify/household.js";
export { PUSH_LOCALES, supportedLocale, type PushLocale } from "./push/locale.js";
