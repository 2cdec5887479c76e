/**
 * The error model (product.md §4): every 4xx/5xx body is `{detail, code, errors?}`. Only answers, so
 * only their types here; the schemas are in `errors.responses.ts`, which a cold start does not load.
 */
export type { ErrorResponse, FieldError, ListErrorResponse } from "./errors.responses.js";
