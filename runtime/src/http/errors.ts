/**
 * One error type, one renderer (product.md §4). Handlers throw `HttpError`; the app's catch stage
 * renders `{detail, code, errors?}`. Anything else becomes a 500 `internal_error` with no message.
 */
import type { FieldError } from "../contract/api/errors.js";

export type { FieldError };

export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; body?: Record<string, unknown> } = {},
  ) {
    super(detail);
  }
}

export const validationFailed = (errors: FieldError[], detail = "Request validation failed"): HttpError =>
  new HttpError(422, "validation_failed", detail, { errors });
