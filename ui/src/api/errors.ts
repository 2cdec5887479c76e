import type { ErrorBody } from "./types.js";

/** Every failed API call surfaces as this: the server's `code` (or `network_error`), status and detail. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly retryAfter: number | null = null,
    readonly body: ErrorBody | null = null,
  ) {
    super(detail);
  }
}

export const isApiError = (value: unknown): value is ApiError => value instanceof ApiError;

/** Reads an error response without trusting it: non-JSON bodies (proxies, HTML) get a code from the status. */
export async function toApiError(response: Response): Promise<ApiError> {
  let body: ErrorBody | null = null;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    body = null;
  }
  const code = typeof body?.code === "string" ? body.code : codeForStatus(response.status);
  const detail = typeof body?.detail === "string" ? body.detail : response.statusText || `HTTP ${response.status}`;
  const retry = Number(response.headers.get("retry-after"));
  return new ApiError(response.status, code, detail, Number.isFinite(retry) && retry > 0 ? retry : null, body);
}

function codeForStatus(status: number): string {
  if (status === 401) return "unauthorized";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status === 502) return "upstream_error";
  if (status === 503) return "store_unavailable";
  if (status === 504) return "upstream_timeout";
  return status >= 500 ? "internal_error" : "unknown";
}
