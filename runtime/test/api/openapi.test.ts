/**
 * `GET /api/openapi.json`, and the document's request schemas against the routes on both stores:
 * every input the document rejects, the route rejects (422), and the samples it accepts pass the
 * route's validation. (Every response of the API suite is checked against the document by
 * `createTestApp`.)
 */
import { createECDH, randomBytes } from "node:crypto";
import { createTestApp, type TestApp } from "@stellarr/testkit/app";
import { openApiOracle } from "@stellarr/testkit/openapi";
import { storeFactories } from "@stellarr/testkit/stores";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { serveOpenApiDocument } from "../../src/http/openapi/served.js";
import { createSampler, PATTERN_PROBES, type Sample } from "../support/openapi-samples.js";
import { vapidKeys } from "../support/vapid.js";

type Json = Record<string, any>;
const WEBHOOK_TOKEN = "webhook-token-0123";
const oracle = openApiOracle();
const sampler = createSampler(oracle.document);

/** Inputs the schemas cannot tell apart from good ones: realistic values for rules the schema leaves to the route. */
const VALID_BODIES: Record<string, () => unknown> = {
  // The keys must be a real P-256 point and 16 bytes (checked by the push rules after the schema).
  "POST /api/push/subscribe": () => ({
    endpoint: "https://push.example.com/send/abc",
    keys: { p256dh: createECDH("prime256v1").generateKeys("base64url"), auth: randomBytes(16).toString("base64url") },
  }),
  // Each channel type's URL rules (checked after the schema, the description says so).
  "POST /api/channels": () => ({ type: "ntfy", url: "https://127.0.0.1/stellarr-topic" }),
};
/** Query parameters that only go together (the route checks the pair; the description says so). */
const TOGETHER: Record<string, Record<string, Record<string, string>>> = {
  "POST /sync/library": { mode: { sync_id: "abc" }, sync_id: { mode: "full" } },
};

/** Parameters only the server issues (opaque): any other value is refused, which no schema can say. */
const ISSUED_BY_SERVER: Record<string, string[]> = { "GET /api/requests": ["cursor"] };

interface Operation {
  key: string;
  method: string;
  template: string;
  op: Json;
}

const operations: Operation[] = Object.entries(oracle.document.paths as Record<string, Record<string, Json>>).flatMap(([template, item]) =>
  Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${template}`, method: method.toUpperCase(), template, op })),
);
const params = (op: Json, where: "path" | "query"): Json[] => (op.parameters ?? []).filter((p: Json) => p.in === where);
const jsonBodySchema = (op: Json): Json | undefined => op.requestBody?.content?.["application/json"]?.schema;
const validParams = (op: Json, where: "path" | "query"): Record<string, string> =>
  Object.fromEntries(
    params(op, where)
      .filter((p) => p.required)
      .map((p) => [p.name, String(sampler.validSample(p.schema))]),
  );

describe.each(storeFactories)("OpenAPI ($name)", (factory) => {
  let t: TestApp;
  let cleanup: () => Promise<void>;
  let token: string;
  beforeEach(async () => {
    const made = await factory.create();
    cleanup = made.cleanup;
    t = await createTestApp({ store: made.store, config: { webhookToken: WEBHOOK_TOKEN, vapid: vapidKeys() } });
    token = t.login("alice");
  });
  afterEach(async () => {
    await cleanup();
  });

  /** Calls an operation with valid inputs except those given. */
  function call(o: Operation, input: { path?: Record<string, string>; query?: Record<string, string>; body?: unknown } = {}) {
    const pathValues = { ...validParams(o.op, "path"), ...input.path };
    const path = o.template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathValues[name] ?? ""));
    const query = new URLSearchParams(input.query ?? validParams(o.op, "query"));
    const auth = JSON.stringify(o.op.security);
    if (auth.includes("webhookToken")) query.set("token", WEBHOOK_TOKEN);
    const schema = jsonBodySchema(o.op);
    const body = "body" in input ? input.body : schema ? (VALID_BODIES[o.key]?.() ?? sampler.validSample(schema)) : undefined;
    return t.request(`${path}${query.size ? `?${query}` : ""}`, {
      method: o.method,
      ...(auth.includes("session") ? { token } : {}),
      ...(body !== undefined ? { json: body } : {}),
    });
  }

  async function expectRejected(o: Operation, what: string, input: Parameters<typeof call>[1]) {
    const res = await call(o, input);
    const body = (await res.json()) as Json;
    expect({ what, status: res.status, code: body.code }, `${o.key}: ${what}`).toEqual({ what, status: 422, code: "validation_failed" });
  }
  async function expectAccepted(o: Operation, what: string, input: Parameters<typeof call>[1]) {
    const res = await call(o, input);
    const body = res.status === 204 || res.status === 304 ? {} : ((await res.json()) as Json);
    expect({ what, status: res.status < 500, code: body.code }, `${o.key}: ${what} (${res.status})`).not.toMatchObject({
      code: expect.stringMatching(/^(validation_failed|invalid_json)$/),
    });
    expect(res.status, `${o.key}: ${what}`).toBeLessThan(500);
  }

  it("serves the document publicly, with an ETag and 304 for a matching If-None-Match", async () => {
    const res = await t.request("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    const text = await res.text();
    expect(text).toBe(serveOpenApiDocument().body);
    expect(JSON.parse(text)).toMatchObject({ openapi: "3.1.0", info: { title: "Stellarr API" } });

    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const again = await t.request("/api/openapi.json", { headers: { "if-none-match": inm } });
      expect(again.status).toBe(304);
      expect(again.headers.get("etag")).toBe(etag);
      expect(await again.text()).toBe("");
    }
    expect((await t.request("/api/openapi.json", { headers: { "if-none-match": '"stale"' } })).status).toBe(200);
    const head = await t.request("/api/openapi.json", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(etag);
  });

  it("every body the document rejects, the route rejects; the document's samples pass", async () => {
    let rejected = 0;
    for (const o of operations) {
      const schema = jsonBodySchema(o.op);
      if (!schema) continue;
      await expectAccepted(o, "a valid body", {});
      const validate = oracle.validatorFor(schema);
      for (const bad of sampler.invalidSamples(schema)) {
        if (validate(bad.value) as boolean) continue; // not invalid after all (e.g. a nullable field given null)
        await expectRejected(o, `body ${bad.why}`, { body: bad.value });
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(60);
  });

  it("every query and path parameter the document rejects, the route rejects; the values it accepts pass", async () => {
    let rejected = 0;
    let accepted = 0;
    for (const o of operations) {
      for (const where of ["path", "query"] as const) {
        for (const p of params(o.op, where)) {
          const validate = oracle.validatorFor(p.schema);
          const withValue = (v: string | undefined) => {
            const values = { ...validParams(o.op, where), ...TOGETHER[o.key]?.[p.name] };
            if (v === undefined) delete values[p.name];
            else values[p.name] = v;
            return where === "path" ? { path: values } : { query: values };
          };
          if (p.required && where === "query") {
            await expectRejected(o, `without ${p.name}`, withValue(undefined));
            rejected++;
          }
          const candidates: Sample[] = [
            ...sampler.invalidValues(p.schema),
            ...PATTERN_PROBES.map((value) => ({ why: "probe", value })),
            ...(p.schema.enum ?? (p.schema.const !== undefined ? [p.schema.const] : [])).map((value: string) => ({ why: "enum", value })),
          ];
          for (const c of candidates) {
            if (typeof c.value === "object") continue; // not expressible as one parameter
            const value = String(c.value);
            if (where === "path" && value === "") continue; // another route's path
            const documented = validate(value) as boolean;
            if (documented) {
              if (ISSUED_BY_SERVER[o.key]?.includes(p.name)) continue;
              await expectAccepted(o, `${p.name}=${value.slice(0, 20)}`, withValue(value));
              accepted++;
            } else {
              await expectRejected(o, `${p.name}=${value.slice(0, 20)} (${c.why})`, withValue(value));
              rejected++;
            }
          }
        }
      }
    }
    expect(rejected).toBeGreaterThan(40);
    expect(accepted).toBeGreaterThan(20);
  });
});
