/**
 * The one configured API client. It owns the two cross-cutting concerns: a global loading counter
 * (for calls that opt in) and the 401 handling (a session-protected call that comes back 401 ends
 * the session once, wherever it was made).
 */
import { computed, ref } from "vue";
import { ApiError, toApiError } from "./errors.js";

export interface ApiCall {
  method?: "GET" | "POST" | "DELETE";
  /** JSON body. */
  json?: unknown;
  /** Send the session token; a 401 then ends the session. Default true. */
  auth?: boolean;
  /** Count this call in the global loading indicator. */
  track?: boolean;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiClientOptions {
  getToken(): string | null;
  onUnauthorized(error: ApiError): void;
  fetch?: typeof fetch;
}

export interface RawResult {
  response: Response;
}

export function createApiClient(options: ApiClientOptions) {
  const pending = ref(0);
  const loading = computed(() => pending.value > 0);
  const doFetch = (input: string, init: RequestInit): Promise<Response> => (options.fetch ?? globalThis.fetch)(input, init);

  /** Low level: returns the raw response for 2xx and 304, throws ApiError otherwise. */
  async function send(path: string, call: ApiCall = {}): Promise<Response> {
    const auth = call.auth ?? true;
    const headers: Record<string, string> = { accept: "application/json", ...call.headers };
    if (call.json !== undefined) headers["content-type"] = "application/json";
    if (auth) {
      const token = options.getToken();
      if (token) headers.authorization = `Bearer ${token}`;
    }
    if (call.track) pending.value++;
    try {
      let response: Response;
      try {
        response = await doFetch(path, {
          method: call.method ?? (call.json === undefined ? "GET" : "POST"),
          headers,
          body: call.json === undefined ? undefined : JSON.stringify(call.json),
          signal: call.signal,
          cache: "no-store",
        });
      } catch (err) {
        if (err instanceof DOMException && err.name === "AbortError") throw err;
        throw new ApiError(0, "network_error", err instanceof Error ? err.message : "Network error");
      }
      if (response.ok || response.status === 304) return response;
      const error = await toApiError(response);
      if (auth && response.status === 401) options.onUnauthorized(error);
      throw error;
    } finally {
      if (call.track) pending.value--;
    }
  }

  async function request<T>(path: string, call: ApiCall = {}): Promise<T> {
    const response = await send(path, call);
    try {
      return (await response.json()) as T;
    } catch {
      throw new ApiError(response.status, "unknown", "The server sent an unreadable answer");
    }
  }

  return { send, request, loading, pending };
}

export type ApiClient = ReturnType<typeof createApiClient>;
