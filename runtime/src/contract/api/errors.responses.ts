/**
 * The error model (product.md §4): every 4xx/5xx body is `{detail, code, errors?}`. The server never
 * parses it: run-time code uses its types (re-exported by `errors.ts`); only the OpenAPI description
 * and tests build it. It lives apart so a cold start does not construct it at load.
 */
import * as z from "zod/mini";

/** One invalid input field: its path in the body or query, and why. */
export const FieldError = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type FieldError = z.output<typeof FieldError>;

export const ErrorResponse = z.object({
  /** A sentence for people. */
  detail: z.string(),
  /** A stable identifier for programs (`validation_failed`, `rate_limited`, …). */
  code: z.string(),
  /** Per-field problems of a 422 `validation_failed`. */
  errors: z.optional(z.array(FieldError)),
});
export type ErrorResponse = z.output<typeof ErrorResponse>;

/** One entry of Radarr's `RadarrErrors` list, which `/list/*` errors carry (Radarr displays it). */
export const ListErrorEntry = z.object({ id: z.string(), status: z.int(), title: z.string(), detail: z.string() });

/** A `/list/*` 4xx: the error model with `errors` in Radarr's shape instead of field errors. */
export const ListErrorResponse = z.object({ detail: z.string(), code: z.string(), errors: z.array(ListErrorEntry) });
export type ListErrorResponse = z.output<typeof ListErrorResponse>;
