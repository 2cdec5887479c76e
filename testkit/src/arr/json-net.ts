/**
 * A strict model of how Radarr and Sonarr deserialise an instance list's responses:
 * `JsonConvert.DeserializeObject<List<T>>(content)` with Json.NET's default settings (no global
 * `JsonConvert.DefaultSettings` in either app). Property names match case-insensitively, unknown
 * properties are ignored, a missing property keeps its C# default (0, false, null).
 *
 * Failures (the whole list fails): a JSON `null` or a wrong type in a non-nullable `int`, `bool`,
 * `DateTime` or enum; an `int` outside Int32; an enum name the enum lacks; a non-array where a
 * `List<>`/`HashSet<>` is; malformed JSON. The model is deliberately stricter than Json.NET
 * where Json.NET would *coerce* (a numeric string or a fraction into an `int`, a number into a
 * `string`): Stellarr must never rely on coercion, so those fail here too.
 *
 * Violations (Json.NET accepts them, Stellarr's contract does not): a `null` anywhere, and one
 * property spelled twice with different case (Json.NET silently keeps the last).
 */

export type JsonNetType =
  | { kind: "int" }
  | { kind: "bool" }
  | { kind: "datetime" }
  | { kind: "string" }
  | { kind: "enum"; names: readonly string[] }
  | { kind: "list"; of: JsonNetType }
  | { kind: "object"; fields: Readonly<Record<string, JsonNetType>> };

const int: JsonNetType = { kind: "int" };
const bool: JsonNetType = { kind: "bool" };
const datetime: JsonNetType = { kind: "datetime" };
const string: JsonNetType = { kind: "string" };

/** Builders for the C# types the lists declare. */
export const T = {
  int,
  bool,
  datetime,
  string,
  enumOf: (...names: string[]): JsonNetType => ({ kind: "enum", names }),
  list: (of: JsonNetType): JsonNetType => ({ kind: "list", of }),
  object: (fields: Record<string, JsonNetType>): JsonNetType => ({ kind: "object", fields }),
};

/** Thrown where Json.NET would throw: the list fails. */
export class JsonNetError extends Error {
  override readonly name = "JsonSerializationException";
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${message} Path '${path}'.`);
  }
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const join = (path: string, key: string | number) => (typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** C# defaults for a missing property. */
function defaultOf(type: JsonNetType): unknown {
  switch (type.kind) {
    case "int":
      return 0;
    case "bool":
      return false;
    case "datetime":
      return "0001-01-01T00:00:00";
    case "enum":
      return type.names[0];
    default:
      return null;
  }
}

/** Reads `value` as `type`; records violations; throws `JsonNetError` where the list would fail. */
export function readAs(value: unknown, type: JsonNetType, path: string, violations: string[]): unknown {
  if (value === null) {
    if (type.kind === "int" || type.kind === "bool" || type.kind === "datetime" || type.kind === "enum") {
      throw new JsonNetError(`Error converting value {null} to type '${csharpName(type)}'.`, path);
    }
    violations.push(`${path}: null (omit the field instead)`);
    return null;
  }
  switch (type.kind) {
    case "int":
      if (typeof value !== "number" || !Number.isInteger(value))
        throw new JsonNetError(`Expected an integer for System.Int32, got ${describe(value)}.`, path);
      if (value < INT32_MIN || value > INT32_MAX) throw new JsonNetError(`Value ${value} is outside System.Int32.`, path);
      return value;
    case "bool":
      if (typeof value !== "boolean") throw new JsonNetError(`Expected a boolean for System.Boolean, got ${describe(value)}.`, path);
      return value;
    case "datetime":
      if (typeof value !== "string" || Number.isNaN(Date.parse(value)))
        throw new JsonNetError(`Could not convert ${describe(value)} to DateTime.`, path);
      return value;
    case "string":
      if (typeof value !== "string") throw new JsonNetError(`Expected a string, got ${describe(value)}.`, path);
      return value;
    case "enum": {
      if (typeof value === "number" && Number.isInteger(value)) return type.names[value] ?? value;
      const name = typeof value === "string" ? type.names.find((n) => n.toLowerCase() === value.trim().toLowerCase()) : undefined;
      if (name === undefined) throw new JsonNetError(`Error converting value ${describe(value)} to type '${csharpName(type)}'.`, path);
      return name;
    }
    case "list":
      if (!Array.isArray(value)) throw new JsonNetError(`Cannot deserialize ${describe(value)} into a list.`, path);
      return value.map((v, i) => readAs(v, type.of, join(path, i), violations));
    case "object": {
      if (!isObject(value)) throw new JsonNetError(`Cannot deserialize ${describe(value)} into an object.`, path);
      const out: Record<string, unknown> = {};
      const seen = new Map<string, string>();
      for (const [field, fieldType] of Object.entries(type.fields)) out[field] = defaultOf(fieldType);
      for (const [key, v] of Object.entries(value)) {
        const lower = key.toLowerCase();
        const before = seen.get(lower);
        if (before !== undefined) violations.push(`${join(path, key)}: also spelled "${before}" (Json.NET keeps the last one)`);
        seen.set(lower, key);
        const field = Object.keys(type.fields).find((f) => f.toLowerCase() === lower);
        if (field === undefined) continue; // unknown properties are ignored
        out[field] = readAs(v, type.fields[field]!, join(path, key), violations);
      }
      return out;
    }
  }
}

/**
 * `JsonConvert.DeserializeObject<List<T>>(content)`: empty content or a top-level `null` yields
 * a null list (the caller's `foreach` then fails); malformed JSON throws.
 */
export function deserializeList(content: string, itemType: JsonNetType, violations: string[]): unknown[] | null {
  if (content.trim() === "") return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (err) {
    throw new JsonNetError(`Unexpected character encountered while parsing value (${(err as Error).message}).`, "");
  }
  if (parsed === null) return null;
  return readAs(parsed, T.list(itemType), "", violations) as unknown[];
}

function describe(v: unknown): string {
  if (typeof v === "string") return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  return String(v);
}

function csharpName(type: JsonNetType): string {
  return type.kind === "int"
    ? "System.Int32"
    : type.kind === "bool"
      ? "System.Boolean"
      : type.kind === "datetime"
        ? "System.DateTime"
        : "MediaCoverTypes";
}

/** .NET's `NullReferenceException` message: what a list reports when its code dereferences a null. */
export const NULL_REFERENCE = "Object reference not set to an instance of an object.";
