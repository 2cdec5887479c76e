/**
 * Personal channels (`POST /api/channels` body `{type, url, token?, secret?}`): validation into a
 * spec. https only; whether the host's addresses are acceptable is the SSRF guard's question,
 * asked by the caller after this. A webhook without a secret gets a generated one, which the
 * create response returns once.
 */
import { randomBytes } from "node:crypto";
import { CHANNEL_TYPES, type ChannelSpec, type ChannelType } from "./channel.js";
import { discordFromUrl, ntfyFromUrl, parseUrl } from "./channel-urls.js";
import { MAX_SECRET_LENGTH, MIN_SECRET_LENGTH, validSecret } from "./household.js";

export interface PersonalChannelInput {
  type: ChannelType;
  url: string;
  token?: string;
  secret?: string;
}

export type PersonalChannelCheck =
  | { ok: true; spec: ChannelSpec; /** Set when Stellarr made the secret: show it once. */ generatedSecret: string | null }
  | { ok: false; field: "body" | "type" | "url" | "token" | "secret"; reason: string };

/** 32 random bytes, base64url: 43 characters. */
export const generateSecret = (): string => randomBytes(32).toString("base64url");

export function validatePersonalChannel(body: unknown, makeSecret: () => string = generateSecret): PersonalChannelCheck {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return { ok: false, field: "body", reason: "must be a JSON object" };
  const { type, url: urlText, token, secret } = body as Record<string, unknown>;
  if (typeof type !== "string" || !(CHANNEL_TYPES as readonly string[]).includes(type)) {
    return { ok: false, field: "type", reason: `must be one of ${CHANNEL_TYPES.join(", ")}` };
  }
  if (typeof urlText !== "string") return { ok: false, field: "url", reason: "is required" };
  const url = parseUrl(urlText.trim());
  if (!url) return { ok: false, field: "url", reason: "must be an absolute https URL" };
  if (url.protocol !== "https:") return { ok: false, field: "url", reason: "must be https" };
  for (const [field, value] of [
    ["token", token],
    ["secret", secret],
  ] as const) {
    if (value !== undefined && value !== null && typeof value !== "string") return { ok: false, field, reason: "must be a string" };
  }
  const tokenText = typeof token === "string" && token.trim() !== "" ? token.trim() : null;
  const secretText = typeof secret === "string" && secret !== "" ? secret : null;
  if (type !== "ntfy" && tokenText !== null) return { ok: false, field: "token", reason: `is only for ntfy channels` };
  if (type !== "webhook" && secretText !== null) return { ok: false, field: "secret", reason: `is only for webhook channels` };

  switch (type as ChannelType) {
    case "ntfy": {
      const parsed = ntfyFromUrl(url, tokenText);
      if (parsed.ok) return { ok: true, spec: parsed.value, generatedSecret: null };
      return { ok: false, field: parsed.field ?? "url", reason: parsed.reason };
    }
    case "discord": {
      const parsed = discordFromUrl(url);
      return parsed.ok ? { ok: true, spec: parsed.value, generatedSecret: null } : { ok: false, field: "url", reason: parsed.reason };
    }
    case "webhook": {
      if (url.username || url.password) return { ok: false, field: "url", reason: "credentials are not allowed in the URL" };
      if (url.hash) return { ok: false, field: "url", reason: "must not have a fragment" };
      if (secretText !== null && !validSecret(secretText)) {
        return {
          ok: false,
          field: "secret",
          reason: `must be ${MIN_SECRET_LENGTH}–${MAX_SECRET_LENGTH} printable characters without spaces`,
        };
      }
      const generated = secretText === null ? makeSecret() : null;
      return { ok: true, spec: { type: "webhook", url: url.href, secret: secretText ?? generated! }, generatedSecret: generated };
    }
  }
}
