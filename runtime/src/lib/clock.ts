/** The real clock, and the ISO-8601 form every stored timestamp uses. */
import type { Clock } from "../ports/clock.js";

export const systemClock: Clock = { now: () => Date.now() };

/** ISO-8601 UTC with milliseconds and `Z`. */
export const isoNow = (clock: Clock): string => new Date(clock.now()).toISOString();
