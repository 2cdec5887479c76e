/**
 * Inputs from the OpenAPI document's own JSON Schemas: one the schema accepts (`validSample`), and
 * variations that break one keyword each (`invalidSamples`) — a wrong type, a missing required
 * field, a value outside an enum, pattern, length or range. Covers the keywords the generated
 * schemas use; `resolve` follows `#/components/schemas` references.
 */
type Json = Record<string, any>;

export interface Sample {
  why: string;
  value: unknown;
}

/** Strings tried against a `pattern`: the accepted ones are valid samples, the others invalid ones. */
export const PATTERN_PROBES = [
  "1",
  "7",
  "007",
  "500",
  "2147483647",
  "movie",
  "en-US",
  "abc_-1",
  "0",
  "01",
  "-1",
  "1e3",
  "2147483648",
  "!!",
  "a b",
  "x".repeat(70),
];

export function createSampler(document: Json) {
  const resolve = (schema: Json): Json => {
    if (typeof schema.$ref !== "string") return schema;
    const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)![1]!;
    return resolve(document.components.schemas[name]);
  };

  function validSample(raw: Json): unknown {
    const schema = resolve(raw);
    if ("const" in schema) return schema.const;
    if (schema.enum) return schema.enum[0];
    if (schema.anyOf && !schema.type) return validSample(schema.anyOf.find((s: Json) => resolve(s).type !== "null") ?? schema.anyOf[0]);
    switch (schema.type) {
      case "object": {
        const required = new Set<string>([...(schema.required ?? []), ...(schema.anyOf?.[0]?.required ?? [])]);
        return Object.fromEntries([...required].map((k) => [k, validSample(schema.properties[k])]));
      }
      case "array":
        return schema.minItems ? Array.from({ length: schema.minItems }, () => validSample(schema.items)) : [];
      case "string": {
        if (schema.pattern) return PATTERN_PROBES.find((p) => new RegExp(schema.pattern, "u").test(p)) ?? "";
        return "a".repeat(Math.max(1, schema.minLength ?? 1));
      }
      case "integer":
      case "number":
        return Math.max(1, schema.minimum ?? 1);
      case "boolean":
        return true;
      case "null":
        return null;
    }
    return {};
  }

  /** Values breaking `raw` at the top level (the caller checks each against the schema before using it). */
  function invalidValues(raw: Json): Sample[] {
    const schema = resolve(raw);
    const out: Sample[] = [];
    const types = new Set<string>(schema.anyOf ? schema.anyOf.map((s: Json) => resolve(s).type) : [schema.type]);
    if (!types.has("string")) out.push({ why: "a string", value: "not-this" });
    if (!types.has("integer") && !types.has("number")) out.push({ why: "a number", value: 12345 });
    if (types.has("integer")) out.push({ why: "a fraction", value: 1.5 });
    if (!types.has("object")) out.push({ why: "an object", value: { x: 1 } });
    if (!types.has("array")) out.push({ why: "an array", value: [1] });
    if (!types.has("boolean")) out.push({ why: "a boolean", value: true });
    const s = schema.anyOf ? resolve(schema.anyOf.find((b: Json) => resolve(b).type !== "null") ?? {}) : schema;
    if (s.enum || "const" in s) out.push({ why: "outside the enum", value: "zzz-not-a-value" });
    if (typeof s.minimum === "number" && s.minimum > -1e15) out.push({ why: "below the minimum", value: s.minimum - 1 });
    if (typeof s.maximum === "number" && s.maximum < 1e15) out.push({ why: "above the maximum", value: s.maximum + 1 });
    if (typeof s.maxLength === "number") out.push({ why: "too long", value: "x".repeat(s.maxLength + 1) });
    if (typeof s.minLength === "number" && s.minLength > 0) out.push({ why: "too short", value: "" });
    if (s.pattern) {
      for (const p of PATTERN_PROBES)
        if (!new RegExp(s.pattern, "u").test(p)) out.push({ why: `not matching the pattern: ${p.slice(0, 12)}`, value: p });
    }
    if (typeof s.maxItems === "number")
      out.push({ why: "too many items", value: Array.from({ length: s.maxItems + 1 }, () => validSample(s.items)) });
    return out;
  }

  /** Invalid variants of a whole body: at the top, then each property of a valid sample broken in turn (one level deep, and the first array item). */
  function invalidSamples(raw: Json): Sample[] {
    const schema = resolve(raw);
    const out = invalidValues(schema);
    const base = validSample(schema);
    const s = schema.type === "array" ? resolve(schema.items) : schema;
    const wrap = (item: unknown) => (schema.type === "array" ? [item] : item);
    if (s.type === "object") {
      const item = (schema.type === "array" ? validSample(s) : base) as Json;
      for (const name of s.required ?? []) {
        const { [name]: _gone, ...rest } = item;
        out.push({ why: `without ${name}`, value: wrap(rest) });
      }
      for (const [name, prop] of Object.entries((s.properties ?? {}) as Record<string, Json>)) {
        for (const bad of invalidValues(prop)) out.push({ why: `${name}: ${bad.why}`, value: wrap({ ...item, [name]: bad.value }) });
      }
    }
    return out;
  }

  return { resolve, validSample, invalidValues, invalidSamples };
}
