import { createHash, pbkdf2Sync } from "node:crypto";
import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLocale } from "@/i18n/index.js";
import { session } from "@/stores/session.js";
import { toasts } from "@/stores/toasts.js";
import { apiError, json, mockFetch } from "@/utils/test/fetch-mock.js";
import { freshToken } from "@/utils/test/fixtures.js";
import { renderApp } from "@/utils/test/render.js";

const params = { iterations: 1000, challenge: "c.h.a", expires_in: 300 };

beforeEach(async () => {
  localStorage.clear();
  toasts.clear();
  session.end("logout");
  session.state.ended = null;
  await setLocale("en", { persist: false });
});
afterEach(() => {
  session.end("logout");
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
});

async function fill(wrapper: Awaited<ReturnType<typeof renderApp>>["wrapper"], name: string, password: string) {
  await wrapper.find("#login-name").setValue(name);
  await wrapper.find("#login-password").setValue(password);
  await wrapper.find("form").trigger("submit");
  await flushPromises();
  await flushPromises();
}

describe("login", () => {
  it("proves the password with the challenge, starts the session and follows the redirect", async () => {
    const token = freshToken("Zoé");
    const http = mockFetch({
      "GET /api/auth/params": params,
      "POST /api/auth/verify": json({ valid: true, token, name: "Zoé" }),
      "GET /trending-all-en.json": { generated_at: "x", results: [] },
      "GET /api/library-status": { library: { movie: [], tv: [] }, requests: [] },
      "GET /api/requests": { requests: [], next_cursor: null, counts: { movie: { pending: 0, added: 0 }, tv: { pending: 0, added: 0 } } },
    });
    const { wrapper, router } = await renderApp("/login?redirect=/requests");
    await fill(wrapper, "  Zoé ", "secret");
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe("/requests"));

    const verify = http.callsTo("POST", "/api/auth/verify")[0]!;
    const origin = window.location.origin;
    const key = pbkdf2Sync("secret", origin, 1000, 32, "sha256").toString("hex");
    expect(verify.body).toEqual({
      origin,
      challenge: "c.h.a",
      name: "Zoé",
      hash: createHash("sha256").update(`${key}:c.h.a`).digest("hex"),
    });
    expect(verify.headers.get("authorization")).toBeNull();
    expect(session.state).toMatchObject({ token, name: "Zoé" });
    expect(toasts.list.map((t) => t.message)).toContain("Welcome, Zoé!");
    wrapper.unmount();
  });

  it("shows a wrong password through its code, in the user's language", async () => {
    await setLocale("es", { persist: false });
    mockFetch({ "GET /api/auth/params": params, "POST /api/auth/verify": apiError(401, "invalid_credentials", "Invalid credentials") });
    const { wrapper, router } = await renderApp("/login");
    await fill(wrapper, "alice", "wrong");
    await vi.waitFor(() => expect(wrapper.find("[role=alert]").text()).toBe("Contraseña incorrecta."));
    expect(session.isAuthenticated.value).toBe(false);
    expect(router.currentRoute.value.name).toBe("login");
    wrapper.unmount();
  });

  it("shows the rate limit with the seconds to wait", async () => {
    mockFetch({
      "GET /api/auth/params": params,
      "POST /api/auth/verify": apiError(429, "rate_limited", "Too many", { "retry-after": "120" }),
    });
    const { wrapper } = await renderApp("/login");
    await fill(wrapper, "alice", "x");
    await vi.waitFor(() => expect(wrapper.find("[role=alert]").text()).toBe("Too many attempts. Try again in 120 seconds."));
    wrapper.unmount();
  });

  it("asks for a name before contacting the server", async () => {
    const http = mockFetch({});
    const { wrapper } = await renderApp("/login");
    await fill(wrapper, "   ", "x");
    expect(wrapper.find("[role=alert]").text()).toBe("Please enter your name.");
    expect(http.calls).toHaveLength(0);
    wrapper.unmount();
  });

  it("never follows a redirect to another site", async () => {
    const { safeRedirect } = await import("@/router/index.js");
    expect(safeRedirect("//evil.example/x")).toBe("/");
    expect(safeRedirect("https://evil.example")).toBe("/");
    expect(safeRedirect("/requests?x=1")).toBe("/requests?x=1");
  });
});
