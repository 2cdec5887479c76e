/**
 * The OpenAPI document as a test oracle: `checkResponse` validates a live response against the
 * operation and status the document gives for it (body schema, required headers), and
 * `validatorFor` compiles any schema of the document (Ajv, JSON Schema 2020-12). `createTestApp`
 * checks every response it returns, so the API suite proves the document on both stores.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { serveOpenApiDocument } from "@stellarr/runtime/internal/http/openapi/served";

type Json = Record<string, any>;

export interface OpenApiOracle {
  document: Json;
  /** The document's operation for a concrete request path, or null when no route matches. */
  operation(method: string, path: string): { template: string; op: Json } | null;
  /** A validator of `schema` (a schema of the document: its `$ref`s resolve against it). */
  validatorFor(schema: unknown): ValidateFunction;
  /** Throws, naming the operation, status and every schema violation, when `response` is not what the document says. */
  checkResponse(method: string, path: string, response: Response): Promise<void>;
}

let shared: OpenApiOracle | null = null;

/** The oracle over the document the runtime serves (built once per test file). */
export function openApiOracle(): OpenApiOracle {
  return (shared ??= createOracle(JSON.parse(serveOpenApiDocument().body) as Json));
}

export function createOracle(document: Json): OpenApiOracle {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: "urn:stellarr:openapi", components: document.components }, "urn:stellarr:openapi");
  const compiled = new Map<unknown, ValidateFunction>();
  const validatorFor = (schema: unknown): ValidateFunction => {
    let v = compiled.get(schema);
    if (!v) {
      const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"urn:stellarr:openapi#/components/'));
      v = ajv.compile(rebased);
      compiled.set(schema, v);
    }
    return v;
  };
  const routes = Object.entries(document.paths as Record<string, Json>).map(([template, item]) => ({
    template,
    item,
    re: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`),
  }));

  const operation = (method: string, path: string) => {
    const route = routes.find((r) => r.re.test(path));
    const op = route?.item[method.toLowerCase()] as Json | undefined;
    return route && op ? { template: route.template, op } : null;
  };

  return {
    document,
    operation,
    validatorFor,
    async checkResponse(method, path, response) {
      const found = operation(method, path);
      if (!found) return;
      const where = `${method} ${found.template} → ${response.status}`;
      const doc = found.op.responses?.[String(response.status)] as Json | undefined;
      if (!doc)
        throw new Error(`OpenAPI: ${where} is not a documented response (documented: ${Object.keys(found.op.responses).join(", ")})`);
      for (const [name, header] of Object.entries((doc.headers ?? {}) as Record<string, Json>)) {
        if (header.required && !response.headers.has(name)) throw new Error(`OpenAPI: ${where} lacks the required header ${name}`);
      }
      const text = await response.text();
      const content = doc.content as Record<string, Json> | undefined;
      if (!content) {
        if (text !== "") throw new Error(`OpenAPI: ${where} documents no body but has one`);
        return;
      }
      const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
      const media = content[type];
      if (!media) throw new Error(`OpenAPI: ${where} has Content-Type ${type}, documented: ${Object.keys(content).join(", ")}`);
      const validate = validatorFor(media.schema);
      if (!validate(JSON.parse(text))) {
        throw new Error(`OpenAPI: ${where} body does not match its schema: ${ajv.errorsText(validate.errors)}\n${text.slice(0, 2000)}`);
      }
    },
  };
}
