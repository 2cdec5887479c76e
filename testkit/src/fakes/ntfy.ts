/**
 * A local ntfy server (HTTPS) that publishes and refuses as ntfy v2 does (binwiederhier/ntfy,
 * server/server.go, errors.go, util.go, user/manager.go, read at 81a486a):
 *
 * - JSON publishing is PUT/POST to the root; the body is decoded like Go's `json.Decode` into
 *   `publishMessage` (unknown fields ignored, a wrong type is 400 40024, more than twice the
 *   message limit is 413 41303); `topic` must match `^[-_A-Za-z0-9]{1,64}$` (400 40009) and not
 *   be reserved (400 40010). A POST to `/<topic>` publishes the raw body as the message — the fake
 *   records that too (`raw: true`), so a sender posting JSON to the topic URL is caught.
 * - Authentication is checked first: with auth configured, an `Authorization: Bearer` token that
 *   is not 32 characters or unknown is 401 40101; a user or anonymous visitor without write
 *   access to the topic is 403 40301. Without auth configured the header is ignored.
 * - Request limit per visitor: a bucket of `requestBurst` (60), one back per 5 s → 429 42901
 *   (no Retry-After: ntfy sends none).
 * - `priority` 1–5 (else 400 40007); `attach`/`icon` must start with http(s):// (40013/40021);
 *   a message over 4096 bytes becomes an attachment, refused 400 40014 when attachments are off
 *   (the default here, as on a server without attachment-cache-dir).
 * - Errors are `{"code", "http", "error", "link"?}` JSON; a published message answers 200 with
 *   the message JSON.
 */
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { sendJson, startHttpsFake, type HttpsFakeBase, type InjectedFailure, type RawRequest } from "./https-fake.js";

export interface NtfyPublished {
  topic: string;
  title?: string;
  message: string;
  priority?: number;
  tags?: string[];
  click?: string;
  icon?: string;
  attachment?: { name: string; url: string };
  /** Published by POSTing to /<topic> (the body became the message verbatim). */
  raw: boolean;
  /** The token that authorised it, if any. */
  token: string | null;
  headers: RawRequest["headers"];
}

export interface NtfyRejection {
  status: number;
  code: number;
  error: string;
}

export interface NtfyFake extends HttpsFakeBase {
  published: NtfyPublished[];
  rejected: NtfyRejection[];
  /** A new access token (`tk_` + 29 lowercase letters/digits) with write access to `topics` ("*" = all). Turns auth on. */
  createToken(topics: string[] | "*"): string;
}

export interface NtfyFakeOptions {
  /**
   * Access for anonymous visitors once auth is configured (ntfy's `auth-default-access`). Undefined
   * = no auth configured until a token is created, then `read-write`.
   */
  defaultAccess?: "read-write" | "deny-all";
  requestBurst?: number;
  messageSizeLimit?: number;
  /** Serve plain http, as a LAN ntfy without TLS does. */
  plainHttp?: boolean;
  now?: () => number;
}

const TOPIC = /^[-_A-Za-z0-9]{1,64}$/;
const TOPIC_PATH = /^\/([-_A-Za-z0-9]{1,64})$/;
const DISALLOWED = ["docs", "static", "file", "app", "metrics", "account", "settings", "signup", "login", "v1"];
const REPLENISH_MS = 5_000;

type NtfyError = readonly [code: number, http: number, error: string];
const E = {
  jsonInvalid: [40024, 400, "invalid request: request body must be valid JSON"],
  topicInvalid: [40009, 400, "invalid request: topic invalid"],
  topicDisallowed: [40010, 400, "invalid request: topic name is not allowed"],
  priorityInvalid: [40007, 400, "invalid priority parameter"],
  attachUrlInvalid: [40013, 400, "invalid request: attachment URL is invalid"],
  iconUrlInvalid: [40021, 400, "invalid request: icon URL is invalid"],
  attachmentsDisallowed: [40014, 400, "invalid request: attachments not allowed"],
  unauthorized: [40101, 401, "unauthorized"],
  forbidden: [40301, 403, "forbidden"],
  notFound: [40401, 404, "page not found"],
  jsonTooLarge: [41303, 413, "JSON body too large"],
  tooManyRequests: [42901, 429, "limit reached: too many requests"],
  internal: [50001, 500, "internal server error"],
} as const satisfies Record<string, NtfyError>;

/** The fields of ntfy's `publishMessage` and the JSON type Go's decoder insists on. */
const FIELD_TYPES: Record<string, "string" | "int" | "bool" | "strings" | "array"> = {
  topic: "string",
  title: "string",
  message: "string",
  priority: "int",
  tags: "strings",
  click: "string",
  icon: "string",
  actions: "array",
  attach: "string",
  markdown: "bool",
  filename: "string",
  email: "string",
  call: "string",
  cache: "string",
  firebase: "string",
  delay: "string",
};

export async function startNtfy(options: NtfyFakeOptions = {}): Promise<NtfyFake> {
  const now = options.now ?? Date.now;
  const limit = options.messageSizeLimit ?? 4096;
  const burst = options.requestBurst ?? 60;
  const tokens = new Map<string, string[] | "*">();
  let authConfigured = options.defaultAccess !== undefined;
  const published: NtfyPublished[] = [];
  const rejected: NtfyRejection[] = [];
  let bucket = { tokens: burst, at: now() };

  const fail = (res: ServerResponse, [code, http, error]: NtfyError) => {
    rejected.push({ status: http, code, error });
    sendJson(res, http, {
      code,
      http,
      error,
      ...(code === 40101 || code === 40301 ? { link: "https://ntfy.sh/docs/publish/#authentication" } : {}),
    });
  };

  const requestAllowed = (): boolean => {
    const t = now();
    const refill = Math.floor((t - bucket.at) / REPLENISH_MS);
    if (refill > 0) bucket = { tokens: Math.min(burst, bucket.tokens + refill), at: bucket.at + refill * REPLENISH_MS };
    if (bucket.tokens <= 0) return false;
    bucket.tokens--;
    return true;
  };

  const handle = (req: RawRequest, res: ServerResponse, failure: InjectedFailure | undefined) => {
    if (failure?.status) {
      const injected: NtfyError =
        failure.status === 429 ? E.tooManyRequests : [failure.status * 100 + 1, failure.status, "internal server error"];
      return fail(res, injected);
    }
    // 1. Authentication (server.go maybeAuthenticate): only Basic/Bearer headers are looked at.
    const header = String(req.headers.authorization ?? "").trim();
    let token: string | null = null;
    if (authConfigured && /^(basic|bearer) /i.test(header)) {
      const bearer = /^Bearer\s+(.*)$/.exec(header)?.[1]?.trim() ?? "";
      if (bearer.length !== 32 || !tokens.has(bearer)) return fail(res, E.unauthorized);
      token = bearer;
    }
    // 2. Route.
    const isPublish = req.method === "POST" || req.method === "PUT";
    let message: Record<string, unknown>;
    let raw = false;
    if (isPublish && req.url.pathname === "/") {
      if (req.tooLarge) return fail(res, E.jsonTooLarge);
      const decoded = decodePublishMessage(req.body.toString("utf8"));
      if (!decoded) return fail(res, E.jsonInvalid);
      message = decoded;
      if (!TOPIC.test(String(message.topic ?? ""))) return fail(res, E.topicInvalid);
    } else if (isPublish && TOPIC_PATH.test(req.url.pathname)) {
      message = { topic: TOPIC_PATH.exec(req.url.pathname)![1], message: req.body.toString("utf8").trim() };
      raw = true;
    } else {
      return fail(res, E.notFound);
    }
    const topic = String(message.topic);
    if (DISALLOWED.includes(topic)) return fail(res, E.topicDisallowed);
    // 3. Rate limit, then authorisation (limitRequestsWithTopic, authorizeTopicWrite).
    if (!requestAllowed()) return fail(res, E.tooManyRequests);
    if (authConfigured) {
      const access = token ? tokens.get(token)! : options.defaultAccess === "deny-all" ? [] : "*";
      if (access !== "*" && !access.includes(topic)) return fail(res, E.forbidden);
    }
    // 4. Parameters and body (parsePublishParams, handlePublishBody).
    const priority = typeof message.priority === "number" ? message.priority : 0;
    if (priority < 0 || priority > 5) return fail(res, E.priorityInvalid);
    const attach = typeof message.attach === "string" ? message.attach : "";
    const icon = typeof message.icon === "string" ? message.icon : "";
    if (attach && !/^https?:\/\//.test(attach)) return fail(res, E.attachUrlInvalid);
    if (icon && !/^https?:\/\//.test(icon)) return fail(res, E.iconUrlInvalid);
    const text = typeof message.message === "string" && message.message !== "" ? message.message : "triggered";
    if (Buffer.byteLength(text, "utf8") > limit && !attach) return fail(res, E.attachmentsDisallowed);

    const entry: NtfyPublished = { topic, message: text.trim(), raw, token, headers: req.headers };
    if (typeof message.title === "string" && message.title) entry.title = message.title;
    if (priority) entry.priority = priority;
    if (Array.isArray(message.tags) && message.tags.length > 0) entry.tags = message.tags as string[];
    if (typeof message.click === "string" && message.click) entry.click = message.click;
    if (icon) entry.icon = icon;
    if (attach) {
      const name =
        typeof message.filename === "string" && message.filename
          ? message.filename
          : new URL(attach).pathname.split("/").pop() || "attachment";
      entry.attachment = { name, url: attach };
    }
    published.push(entry);
    const time = Math.floor(now() / 1000);
    const { raw: _raw, token: _token, headers: _headers, ...shown } = entry;
    sendJson(res, 200, { id: randomBytes(6).toString("base64url").slice(0, 12), time, expires: time + 43_200, event: "message", ...shown });
  };

  const base = await startHttpsFake({ maxBodyBytes: limit * 2, handle, plainHttp: options.plainHttp });
  return {
    ...base,
    published,
    rejected,
    createToken(topics) {
      authConfigured = true;
      const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
      const token = `tk_${Array.from(randomBytes(29), (b) => alphabet[b % alphabet.length]).join("")}`;
      tokens.set(token, topics);
      return token;
    },
  };
}

/** Go's `json.NewDecoder(r).Decode(&publishMessage{})`: an object, known fields of the right type (null = zero). */
function decodePublishMessage(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    // encoding/json matches field names case-insensitively.
    const field = Object.keys(FIELD_TYPES).find((f) => f === key.toLowerCase());
    if (!field || v === null) continue;
    const ok = {
      string: typeof v === "string",
      int: typeof v === "number" && Number.isInteger(v),
      bool: typeof v === "boolean",
      strings: Array.isArray(v) && v.every((s) => typeof s === "string"),
      array: Array.isArray(v),
    }[FIELD_TYPES[field]!];
    if (!ok) return null;
    out[field] = v;
  }
  return out;
}
