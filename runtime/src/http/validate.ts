/** Schema validation with zod/mini (small enough for the Lambda bundle) mapped to 422 `validation_failed`. */
import * as z from "zod/mini";
import { validationFailed, type FieldError } from "./errors.js";

export function parseWith<S extends z.ZodMiniType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
    message: issue.message,
  }));
  throw validationFailed(errors);
}

/** Query parameters as a plain object (last value wins), for schema parsing. */
export const queryObject = (url: URL): Record<string, string> => Object.fromEntries(url.searchParams);
