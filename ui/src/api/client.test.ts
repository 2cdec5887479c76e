import { describe, expect, it, vi } from "vitest";
import { createApiClient } from "./client.js";
import { ApiError } from "./errors.js";
import { apiError, json } from "@/utils/test/fetch-mock.js";

function client(responder: (url: string, init: RequestInit) => Response | Promise<Response>, token: string | null = "tok") {
  const onUnauthorized = vi.fn();
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => responder(String(url), init ?? {}));
  return {
    api: createApiClient({ getToken: () => token, onUnauthorized, fetch: fetch as typeof globalThis.fetch }),
    fetch,
    onUnauthorized,
  };
}

describe("api client", () => {
  it("sends the bearer token and JSON body", async () => {
    const { api, fetch } = client(() => json({ ok: true }));
    await expect(api.request("/api/search", { json: { query: "x" } })).resolves.toEqual({ ok: true });
    const init = fetch.mock.calls[0]![1]!;
    const headers = init.headers as Record<string, string>;
    expect(init.method).toBe("POST");
    expect(headers.authorization).toBe("Bearer tok");
    expect(headers["content-type"]).toBe("application/json");
    expect(init.body).toBe('{"query":"x"}');
  });

  it("leaves the token off public calls", async () => {
    const { api, fetch } = client(() => json({}));
    await api.request("/api/auth/params", { auth: false });
    expect((fetch.mock.calls[0]![1]!.headers as Record<string, string>).authorization).toBeUndefined();
  });

  it("turns an error body into an ApiError with the server's code and Retry-After", async () => {
    const { api } = client(() => apiError(429, "rate_limited", "Too many", { "retry-after": "42" }));
    const error = await api.request("/api/search", { json: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: "rate_limited", retryAfter: 42 });
  });

  it("derives a code from the status when the body is not our JSON (a proxy page)", async () => {
    const { api } = client(() => new Response("<html>bad gateway</html>", { status: 502 }));
    await expect(api.request("/api/requests")).rejects.toMatchObject({ status: 502, code: "upstream_error" });
  });

  it("ends the session on a 401 of a session call, not of a login call", async () => {
    const { api, onUnauthorized } = client(() => apiError(401, "token_expired"));
    await expect(api.request("/api/requests")).rejects.toMatchObject({ code: "token_expired" });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await expect(api.request("/api/auth/verify", { auth: false, json: {} })).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it("reports a network failure as network_error", async () => {
    const { api } = client(() => Promise.reject(new TypeError("Failed to fetch")));
    await expect(api.request("/api/requests")).rejects.toMatchObject({ status: 0, code: "network_error" });
  });

  it("counts tracked calls in the loading flag until they settle", async () => {
    let release!: (r: Response) => void;
    const { api } = client(() => new Promise<Response>((resolve) => (release = resolve)));
    const pending = api.request("/api/requests", { track: true });
    expect(api.loading.value).toBe(true);
    release(json({}));
    await pending;
    expect(api.loading.value).toBe(false);
  });

  it("passes a 304 through send() for conditional requests", async () => {
    const { api } = client(() => new Response(null, { status: 304 }));
    await expect(api.send("/api/library-status", { headers: { "if-none-match": '"x"' } })).resolves.toMatchObject({ status: 304 });
  });
});
