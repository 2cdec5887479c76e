import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import { createTestApp } from "@stellarr/testkit/app";
import * as z from "zod/mini";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "@stellarr/testkit/app";
import { buildOpenApiDocument, hoistDefs } from "../../../src/http/openapi/document.js";
import { namedSchemas, routeDocs } from "../../../src/http/openapi/registry.js";
import { serveOpenApiDocument } from "../../../src/http/openapi/served.js";

type Json = Record<string, any>;
const doc = JSON.parse(serveOpenApiDocument().body) as Json;

/** Every value in `value`, with its JSON pointer. */
function* walk(value: unknown, pointer = ""): Generator<[string, unknown]> {
  yield [pointer, value];
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) yield* walk(v, `${pointer}/${k}`);
  }
}

describe("the route description registry", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("describes every registered route, and only registered routes", () => {
    const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
    const registered = t.app.routes().map(key).sort();
    const described = routeDocs.map(key).sort();
    // A route without a description: add it to routes/<area>.openapi.ts (docs/architecture.md, "A new route").
    expect(registered.filter((r) => !described.includes(r))).toEqual([]);
    expect(described.filter((d) => !registered.includes(d))).toEqual([]);
    expect(new Set(described).size).toBe(described.length);
  });

  it("names exactly the path's parameters", () => {
    for (const route of routeDocs) {
      const inPath = [...route.path.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => m[1]).sort();
      expect(Object.keys(route.params?.shape ?? {}).sort(), `${route.method} ${route.path}`).toEqual(inPath);
    }
  });
});

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("has no $defs left and every $ref points at a component", () => {
    for (const [pointer, value] of walk(doc)) {
      expect(pointer).not.toMatch(/\/\$defs(\/|$)/);
      if (pointer.endsWith("/$ref")) {
        const m = /^#\/components\/schemas\/([\w.-]+)$/.exec(value as string);
        expect(m, `${pointer}: ${String(value)}`).not.toBeNull();
        expect(doc.components.schemas[m![1]!], `${pointer}: ${String(value)}`).toBeDefined();
      }
    }
  });

  it("holds schemas that compile as JSON Schema 2020-12 (strict), with unique operation ids", () => {
    const ajv = new Ajv2020({ strict: true, strictTypes: false, validateFormats: false });
    ajv.addKeyword("components"); // the holder of the referenced schemas, not a validation keyword
    ajv.addSchema({ $id: "urn:stellarr:doc", components: { schemas: doc.components.schemas } });
    let compiled = 0;
    for (const [pointer, value] of walk(doc.paths)) {
      if (!pointer.endsWith("/schema")) continue;
      ajv.compile(JSON.parse(JSON.stringify(value).replaceAll('"#/components/', '"urn:stellarr:doc#/components/')));
      compiled++;
    }
    expect(compiled).toBeGreaterThan(100);
    const ids = Object.values(doc.paths as Record<string, Record<string, Json>>).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    );
    expect(ids.length).toBe(routeDocs.length);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("declares each route's auth, and the errors of that auth", () => {
    const op = (path: string, method: string) => doc.paths[path][method] as Json;
    expect(op("/api/requests", "get").security).toEqual([{ session: [] }]);
    expect(Object.keys(op("/api/requests", "get").responses)).toEqual(expect.arrayContaining(["200", "401", "422", "500", "503"]));
    expect(op("/api/health", "get").security).toEqual([]);
    expect(op("/list/radarr", "get").security).toEqual([{ feedToken: [] }, {}]);
    expect(op("/list/radarr", "get").responses["401"].content["application/json"].schema.properties.errors.items).toEqual({
      $ref: "#/components/schemas/RadarrError",
    });
    expect(op("/sync/library", "post").security).toEqual([{ webhookToken: [] }]);
    expect(op("/webhook/plex", "post").responses["403"].content["application/json"].schema.properties.code.enum).toEqual([
      "webhook_disabled",
    ]);
    const rateLimited = op("/api/search", "post").responses["429"];
    expect(rateLimited.headers["retry-after"]).toMatchObject({ required: true, schema: { type: "integer" } });
    expect(op("/api/library-status", "get").responses["304"]).toMatchObject({ headers: { etag: expect.any(Object) } });
    expect(doc.components.securitySchemes.session).toEqual(expect.objectContaining({ type: "http", scheme: "bearer" }));
  });

  it("is the same document every time it is built", () => {
    expect(JSON.stringify(buildOpenApiDocument(routeDocs, namedSchemas))).toBe(serveOpenApiDocument().body);
  });
});

describe("hoistDefs", () => {
  it("moves $defs to components and rewrites nested refs; a different schema under a taken name gets a numbered one", () => {
    const components: Record<string, Json> = {};
    const Inner = z.object({ n: z.int() });
    const Outer = z.object({ inner: Inner, list: z.array(Inner) });
    const registry = z.registry<{ id: string }>();
    registry.add(Inner, { id: "Inner" });
    const first: Json = hoistDefs(z.toJSONSchema(Outer, { target: "draft-2020-12", metadata: registry }) as Json, components);
    expect(first).not.toHaveProperty("$defs");
    expect(first).not.toHaveProperty("$schema");
    expect(first.properties.inner).toEqual({ $ref: "#/components/schemas/Inner" });
    expect(first.properties.list.items).toEqual({ $ref: "#/components/schemas/Inner" });
    expect(components.Inner).toMatchObject({ type: "object", properties: { n: { type: "integer" } } });

    // The same name again with the same schema is shared; a different one is renamed.
    hoistDefs(z.toJSONSchema(Outer, { target: "draft-2020-12", metadata: registry }) as Json, components);
    expect(Object.keys(components)).toEqual(["Inner"]);
    const other = z.registry<{ id: string }>();
    const Different = z.object({ s: z.string() });
    other.add(Different, { id: "Inner" });
    const second: Json = hoistDefs(
      z.toJSONSchema(z.object({ d: Different }), { target: "draft-2020-12", metadata: other }) as Json,
      components,
    );
    expect(second.properties.d).toEqual({ $ref: "#/components/schemas/Inner2" });
    expect(components.Inner2).toMatchObject({ properties: { s: { type: "string" } } });
  });

  it("refuses a reference it cannot place", () => {
    expect(() => hoistDefs({ $ref: "#/definitions/X" }, {})).toThrow(/unexpected \$ref/);
    expect(() => hoistDefs({ $ref: "#/$defs/Missing" }, {})).toThrow(/unexpected \$ref/);
  });
});
