/**
 * A local Discord webhook endpoint (HTTPS) that executes and refuses as Discord's API does
 * (discord/discord-api-docs at c98d64b: resources/webhook.mdx "Execute Webhook",
 * resources/message.mdx "Embed Limits", topics/rate-limits.mdx, topics/opcodes-and-status-codes.mdx,
 * reference.mdx "Error Messages"; the 401/404 bodies as reported against the live API):
 *
 * - `POST /api/webhooks/{id}/{token}` (also `/api/v10/…`); `?wait=true` answers 200 with the
 *   message, otherwise 204.
 * - Unknown webhook → 404 `{"message": "Unknown Webhook", "code": 10015}`; wrong token → 401
 *   `{"message": "Invalid Webhook Token", "code": 50027}`.
 * - Invalid JSON → 400 50109; nothing to send → 400 50006; invalid fields → 400
 *   `{"code": 50035, "message": "Invalid Form Body", "errors": {…"_errors": [{code, message}]}}`:
 *   content ≤ 2000, ≤ 10 embeds, title ≤ 256, description ≤ 4096, ≤ 25 fields (name ≤ 256,
 *   value ≤ 1024), footer ≤ 2048, author name ≤ 256, all of them ≤ 6000 per message (lengths
 *   after trimming), http(s) URLs, ISO 8601 timestamp, color 0–0xFFFFFF.
 * - Rate limit per webhook (5 per 2 s by default): every answer carries `X-RateLimit-*`; a 429
 *   has `Retry-After` and `{"message": "You are being rate limited.", "retry_after": <s>, "global": false}`.
 *
 * The exact `errors` sub-codes are modelled on the documented examples, not captured traffic.
 */
import { randomBytes, randomInt } from "node:crypto";
import type { ServerResponse } from "node:http";
import { sendJson, startHttpsFake, type HttpsFakeBase, type InjectedFailure, type RawRequest } from "./https-fake.js";

export interface DiscordExecuted {
  webhookId: string;
  wait: boolean;
  /** The JSON body as sent. */
  body: Record<string, unknown>;
  headers: RawRequest["headers"];
}

export interface DiscordRejection {
  status: number;
  body: Record<string, unknown>;
}

export interface DiscordWebhook {
  id: string;
  token: string;
  /** `https://127.0.0.1:<port>/api/webhooks/<id>/<token>` */
  url: string;
}

export interface DiscordFake extends HttpsFakeBase {
  executed: DiscordExecuted[];
  rejected: DiscordRejection[];
  createWebhook(): DiscordWebhook;
  deleteWebhook(id: string): void;
}

export interface DiscordFakeOptions {
  /** Requests per window per webhook; false turns the limit off. */
  rateLimit?: { limit: number; windowMs: number } | false;
  now?: () => number;
}

type FieldErrors = Record<string, unknown>;
const PATH = /^\/api(?:\/v\d+)?\/webhooks\/([^/]+)\/([^/]+)\/?$/;

export async function startDiscord(options: DiscordFakeOptions = {}): Promise<DiscordFake> {
  const now = options.now ?? Date.now;
  const rate = options.rateLimit === undefined ? { limit: 5, windowMs: 2_000 } : options.rateLimit;
  const webhooks = new Map<string, { token: string; window: { start: number; used: number } }>();
  const executed: DiscordExecuted[] = [];
  const rejected: DiscordRejection[] = [];

  const fail = (res: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
    rejected.push({ status, body });
    sendJson(res, status, body, headers);
  };
  const rateLimited = (res: ServerResponse, retryAfterS: number, headers: Record<string, string>) =>
    fail(
      res,
      429,
      { message: "You are being rate limited.", retry_after: retryAfterS, global: false },
      { ...headers, "retry-after": String(Math.ceil(retryAfterS)), "x-ratelimit-scope": "user" },
    );

  const handle = (req: RawRequest, res: ServerResponse, failure: InjectedFailure | undefined) => {
    const match = PATH.exec(req.url.pathname);
    if (!match) return fail(res, 404, { message: "404: Not Found", code: 0 });
    if (req.method !== "POST") return fail(res, 405, { message: "405: Method Not Allowed", code: 0 });
    const [, id, token] = match as unknown as [string, string, string];
    if (!/^\d{1,20}$/.test(id)) {
      return fail(res, 400, invalidForm({ webhook_id: fieldError("NUMBER_TYPE_COERCE", `Value "${id.slice(0, 40)}" is not snowflake.`) }));
    }
    const hook = webhooks.get(id);
    if (!hook) return fail(res, 404, { message: "Unknown Webhook", code: 10015 });
    if (hook.token !== token) return fail(res, 401, { message: "Invalid Webhook Token", code: 50027 });

    // Rate limit headers on every answer of this bucket.
    const t = now();
    let headers: Record<string, string> = {};
    if (rate) {
      if (t - hook.window.start >= rate.windowMs) hook.window = { start: t, used: 0 };
      const resetAfter = (hook.window.start + rate.windowMs - t) / 1000;
      const over = hook.window.used >= rate.limit;
      if (!over) hook.window.used++;
      headers = {
        "x-ratelimit-limit": String(rate.limit),
        "x-ratelimit-remaining": String(Math.max(0, rate.limit - hook.window.used)),
        "x-ratelimit-reset": ((hook.window.start + rate.windowMs) / 1000).toFixed(3),
        "x-ratelimit-reset-after": resetAfter.toFixed(3),
        "x-ratelimit-bucket": `bucket-${id.slice(-6)}`,
      };
      if (over) return rateLimited(res, Number(resetAfter.toFixed(3)), headers);
    }
    if (failure?.status === 429) return rateLimited(res, failure.retryAfter ?? 1, headers);
    if (failure?.status) return fail(res, failure.status, { message: `${failure.status}: Internal Server Error`, code: 0 }, headers);

    const type = String(req.headers["content-type"] ?? "")
      .split(";")[0]!
      .trim()
      .toLowerCase();
    if (type !== "application/json") {
      return fail(
        res,
        400,
        invalidForm({
          _errors: [
            {
              code: "CONTENT_TYPE_INVALID",
              message:
                "Expected \"Content-Type\" header to be one of {'application/json', 'multipart/form-data', 'application/x-www-form-urlencoded'}.",
            },
          ],
        }),
        headers,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(req.body.toString("utf8"));
    } catch {
      return fail(res, 400, { message: "The request body contains invalid JSON.", code: 50109 }, headers);
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return fail(
        res,
        400,
        invalidForm({ _errors: [{ code: "DICT_TYPE_CONVERT", message: "Only dictionaries may be used in a DictType" }] }),
        headers,
      );
    }
    const message = body as Record<string, unknown>;
    const errors = validateMessage(message);
    if (Object.keys(errors).length > 0) return fail(res, 400, invalidForm(errors), headers);
    const content = typeof message.content === "string" ? message.content.trim() : "";
    const embeds = Array.isArray(message.embeds) ? (message.embeds as Record<string, unknown>[]) : [];
    if (!content && embeds.length === 0) return fail(res, 400, { message: "Cannot send an empty message", code: 50006 }, headers);

    const wait = /^(true|1)$/i.test(req.url.searchParams.get("wait") ?? "");
    executed.push({ webhookId: id, wait, body: message, headers: req.headers });
    if (!wait) return void res.writeHead(204, headers).end();
    sendJson(
      res,
      200,
      {
        id: snowflake(),
        type: 0,
        content,
        channel_id: snowflake(),
        author: { bot: true, id, username: "Stellarr test hook", avatar: null, discriminator: "0000" },
        attachments: [],
        embeds: embeds.map((e) => ({ type: "rich", ...e })),
        mentions: [],
        mention_roles: [],
        pinned: false,
        mention_everyone: false,
        tts: false,
        timestamp: new Date(t).toISOString(),
        edited_timestamp: null,
        flags: 0,
        components: [],
        webhook_id: id,
      },
      headers,
    );
  };

  const base = await startHttpsFake({ maxBodyBytes: 1024 * 1024, handle });
  return {
    ...base,
    executed,
    rejected,
    createWebhook() {
      const id = snowflake();
      const token = randomBytes(51).toString("base64url"); // 68 characters, like Discord's
      webhooks.set(id, { token, window: { start: now(), used: 0 } });
      return { id, token, url: `${base.origin}/api/webhooks/${id}/${token}` };
    },
    deleteWebhook: (id) => void webhooks.delete(id),
  };
}

function snowflake(): string {
  // Milliseconds since the Discord epoch (2015) in the top bits, like a real id: 18–19 digits.
  const ms = BigInt(Date.now() - 1_420_070_400_000);
  return ((ms << 22n) | BigInt(randomInt(0, 1 << 22))).toString();
}

function invalidForm(errors: FieldErrors): Record<string, unknown> {
  return { code: 50035, errors, message: "Invalid Form Body" };
}

function fieldError(code: string, message: string): { _errors: { code: string; message: string }[] } {
  return { _errors: [{ code, message }] };
}

const length = (s: string): number => [...s.trim()].length;

/** Field-level checks; returns Discord's nested `errors` object (empty when valid). */
function validateMessage(message: Record<string, unknown>): FieldErrors {
  const errors: FieldErrors = {};
  const maxLength = (value: unknown, max: number): unknown => {
    if (typeof value !== "string") return fieldError("BASE_TYPE_STRING", "Must be a string.");
    return length(value) > max ? fieldError("BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`) : undefined;
  };
  if (message.content !== undefined && message.content !== null) {
    const e = maxLength(message.content, 2000);
    if (e) errors.content = e;
  }
  if (message.embeds !== undefined && message.embeds !== null) {
    if (!Array.isArray(message.embeds)) errors.embeds = fieldError("BASE_TYPE_ARRAY", "Must be an array.");
    else if (message.embeds.length > 10) errors.embeds = fieldError("BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
    else {
      const perEmbed: FieldErrors = {};
      let total = 0;
      message.embeds.forEach((embed: unknown, i) => {
        const { errors: e, size } = validateEmbed(embed, maxLength);
        total += size;
        if (Object.keys(e).length > 0) perEmbed[String(i)] = e;
      });
      if (Object.keys(perEmbed).length > 0) errors.embeds = perEmbed;
      else if (total > 6000) errors.embeds = fieldError("MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000");
    }
  }
  const mentions = message.allowed_mentions as { parse?: unknown } | undefined;
  if (mentions !== undefined && mentions !== null) {
    const parse = mentions.parse;
    if (parse !== undefined && (!Array.isArray(parse) || parse.some((p) => !["users", "roles", "everyone"].includes(p as string)))) {
      errors.allowed_mentions = { parse: fieldError("BASE_TYPE_CHOICES", "Value must be one of ('users', 'roles', 'everyone').") };
    }
  }
  return errors;
}

function validateEmbed(embed: unknown, maxLength: (value: unknown, max: number) => unknown): { errors: FieldErrors; size: number } {
  const errors: FieldErrors = {};
  if (typeof embed !== "object" || embed === null || Array.isArray(embed)) {
    return { errors: fieldError("DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType"), size: 0 };
  }
  const e = embed as Record<string, unknown>;
  let size = 0;
  const text = (key: string, value: unknown, max: number, into: FieldErrors = errors) => {
    if (value === undefined || value === null) return;
    const problem = maxLength(value, max);
    if (problem) into[key] = problem;
    else size += length(value as string);
  };
  const url = (key: string, value: unknown, into: FieldErrors = errors) => {
    if (value === undefined || value === null) return;
    let parsed: URL | null = null;
    try {
      parsed = typeof value === "string" ? new URL(value) : null;
    } catch {
      parsed = null;
    }
    if (!parsed) into[key] = fieldError("URL_TYPE_INVALID_URL", "Not a well formed URL.");
    else if (parsed.protocol !== "http:" && parsed.protocol !== "https:" && parsed.protocol !== "attachment:") {
      into[key] = fieldError(
        "URL_TYPE_INVALID_SCHEME",
        `Scheme "${parsed.protocol.slice(0, -1)}" is not supported. Scheme must be one of ('http', 'https').`,
      );
    }
  };
  text("title", e.title, 256);
  text("description", e.description, 4096);
  url("url", e.url);
  if (e.timestamp !== undefined && e.timestamp !== null) {
    if (
      typeof e.timestamp !== "string" ||
      !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(e.timestamp) ||
      Number.isNaN(Date.parse(e.timestamp))
    ) {
      errors.timestamp = fieldError("DATE_TYPE_PARSE", `Could not parse ${JSON.stringify(e.timestamp)}. Should be ISO8601.`);
    }
  }
  if (e.color !== undefined && e.color !== null) {
    if (typeof e.color !== "number" || !Number.isInteger(e.color))
      errors.color = fieldError("NUMBER_TYPE_COERCE", `Value "${String(e.color)}" is not int.`);
    else if (e.color < 0 || e.color > 0xffffff)
      errors.color = fieldError("NUMBER_TYPE_MAX", "int value should be less than or equal to 16777215.");
  }
  for (const key of ["thumbnail", "image"] as const) {
    const media = e[key] as { url?: unknown } | undefined;
    if (media === undefined || media === null) continue;
    const nested: FieldErrors = {};
    if (media.url === undefined) nested.url = fieldError("BASE_TYPE_REQUIRED", "This field is required");
    else url("url", media.url, nested);
    if (Object.keys(nested).length > 0) errors[key] = nested;
  }
  const author = e.author as { name?: unknown; url?: unknown } | undefined;
  if (author !== undefined && author !== null) {
    const nested: FieldErrors = {};
    if (author.name === undefined) nested.name = fieldError("BASE_TYPE_REQUIRED", "This field is required");
    else text("name", author.name, 256, nested);
    url("url", author.url, nested);
    if (Object.keys(nested).length > 0) errors.author = nested;
  }
  const footer = e.footer as { text?: unknown } | undefined;
  if (footer !== undefined && footer !== null) {
    const nested: FieldErrors = {};
    if (footer.text === undefined) nested.text = fieldError("BASE_TYPE_REQUIRED", "This field is required");
    else text("text", footer.text, 2048, nested);
    if (Object.keys(nested).length > 0) errors.footer = nested;
  }
  if (e.fields !== undefined && e.fields !== null) {
    if (!Array.isArray(e.fields)) errors.fields = fieldError("BASE_TYPE_ARRAY", "Must be an array.");
    else if (e.fields.length > 25) errors.fields = fieldError("BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
    else {
      const perField: FieldErrors = {};
      e.fields.forEach((f: { name?: unknown; value?: unknown }, i) => {
        const nested: FieldErrors = {};
        if (f?.name === undefined) nested.name = fieldError("BASE_TYPE_REQUIRED", "This field is required");
        else text("name", f.name, 256, nested);
        if (f?.value === undefined) nested.value = fieldError("BASE_TYPE_REQUIRED", "This field is required");
        else text("value", f.value, 1024, nested);
        if (Object.keys(nested).length > 0) perField[String(i)] = nested;
      });
      if (Object.keys(perField).length > 0) errors.fields = perField;
    }
  }
  return { errors, size };
}
