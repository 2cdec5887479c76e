/** Turns any failure into a sentence in the user's language, through the server's error `code`. */
import { hasMessage, t, type MessageKey } from "@/i18n/index.js";
import { ApiError } from "./errors.js";

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    if (error.code === "rate_limited") return t("errors.rate_limited", { count: error.retryAfter ?? 60 });
    if (hasMessage(key)) return t(key as MessageKey);
  }
  return t("errors.unknown");
}
