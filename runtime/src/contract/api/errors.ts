/** The error model (product.md §4): every 4xx/5xx body is `{detail, code, errors?}`. */

/** One invalid input field: its path in the body or query, and why. */
export interface FieldError {
  path: (string | number)[];
  message: string;
}

export interface ErrorResponse {
  /** A sentence for people. */
  detail: string;
  /** A stable identifier for programs (`validation_failed`, `rate_limited`, …). */
  code: string;
  /** Per-field problems of a 422 `validation_failed`. */
  errors?: FieldError[];
}
