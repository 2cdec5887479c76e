/** The shell around the views: offline state, and what moving to another page does. */
import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { push } from "@/pwa/push.js";
import { session } from "@/stores/session.js";
import { toasts } from "@/stores/toasts.js";
import { json, mockFetch } from "@/utils/test/fetch-mock.js";
import { freshToken, item } from "@/utils/test/fixtures.js";
import { renderApp } from "@/utils/test/render.js";
import { signedInAsAlice, signedOutAndCleared } from "@/utils/test/signed-in.js";

const trending = { generated_at: "2026-03-01T00:00:00.000Z", results: [item(1), item(2, { media_type: "tv", number_of_seasons: 3 })] };
const noRequests = { requests: [], next_cursor: null, counts: { movie: { pending: 0, added: 0 }, tv: { pending: 0, added: 0 } } };
const routes = () => ({
  "GET /trending-all-en.json": trending,
  "GET /api/library-status": { library: { movie: [], tv: [] }, requests: [] },
  "GET /api/requests": noRequests,
});

const goOffline = () => window.dispatchEvent(new Event("offline"));
const goOnline = () => window.dispatchEvent(new Event("online"));

beforeEach(signedInAsAlice);
afterEach(() => {
  goOnline();
  toasts.clear();
  signedOutAndCleared();
});

describe("offline", () => {
  it("shows the banner, disables Request with the reason, keeps the bell in place, and recovers", async () => {
    const http = mockFetch(routes());
    const { wrapper } = await renderApp("/");
    await flushPromises();
    const requestButton = () => wrapper.find("button[aria-label='Request Title 1']");
    expect(wrapper.find("[data-testid=offline-banner]").exists()).toBe(false);
    expect(requestButton().attributes("disabled")).toBeUndefined();

    // As after an offline start: the bell's first check never reached the server.
    push.reset();
    goOffline();
    await flushPromises();
    const banner = wrapper.find("[data-testid=offline-banner]");
    expect(banner.text()).toBe("You are offline. Showing what is available. Requests can be made again once you are back online.");
    // Inside the live region that was there before, so its appearance is announced.
    expect(banner.element.parentElement!.getAttribute("role")).toBe("status");
    expect(requestButton().attributes()).toMatchObject({
      disabled: "",
      title: "Requests can be made again once you are back online.",
      "aria-describedby": "offline-banner",
    });
    expect(document.getElementById(requestButton().attributes("aria-describedby")!)).toBe(banner.element);
    const bell = wrapper.find("[data-testid=push-toggle]");
    expect(bell.attributes("style")).toBeUndefined();
    expect(bell.attributes()).toMatchObject({
      "data-state": "offline",
      "aria-disabled": "true",
      "aria-label": "Notifications cannot be changed while offline.",
    });
    await bell.trigger("click");
    expect(wrapper.find("dialog[open]").exists()).toBe(false);

    const refreshes = http.callsTo("GET", "/api/library-status").length;
    goOnline();
    await flushPromises();
    expect(wrapper.find("[data-testid=offline-banner]").exists()).toBe(false);
    expect(requestButton().attributes("disabled")).toBeUndefined();
    expect(toasts.list.map((t) => t.message)).toContain("You are back online.");
    // Badges are refreshed and the bell checks again (this test browser is not a secure context).
    expect(http.callsTo("GET", "/api/library-status").length).toBe(refreshes + 1);
    expect(push.state.value).toBe("insecure");
    wrapper.unmount();
  });

  it("reloads a trending file that failed while offline once back online", async () => {
    const http = mockFetch({ ...routes(), "GET /trending-all-en.json": json({ detail: "x", code: "network_error" }, 503) });
    const { wrapper } = await renderApp("/");
    expect(wrapper.find("[role=alert]").text()).toContain("Trending titles could not be loaded.");
    goOffline();
    await flushPromises();
    http.set("GET /trending-all-en.json", trending);
    goOnline();
    await flushPromises();
    expect(wrapper.findAll("article h2").map((h) => h.text())).toEqual(["Title 1", "Title 2"]);
    expect(wrapper.find("[role=alert]").exists()).toBe(false);
    wrapper.unmount();
  });
});

describe("moving to another page", () => {
  it("focuses the new page's heading and dismisses the old page's toasts; a filter change does neither", async () => {
    mockFetch(routes());
    const { wrapper, router } = await renderApp("/");
    toasts.info("from the home page");
    toasts.show("info", "A new version of the app is available.", { action: { label: "Reload", run: () => {} } });
    // An action about the page left behind goes with it.
    toasts.show("info", "Already requested.", { action: { label: "Notify me too", run: () => {} }, keep: false, timeoutMs: 10_000 });
    await router.push("/requests");
    await flushPromises();
    expect(document.activeElement?.tagName).toBe("H1");
    expect(document.activeElement?.textContent).toBe("Requests");
    // Only the app-wide toast with an action stays.
    expect(toasts.list.map((t) => t.message)).toEqual(["A new version of the app is available."]);

    toasts.info("on the requests page");
    const added = wrapper.findAll("button").find((b) => b.text().startsWith("Added"))!;
    (added.element as HTMLButtonElement).focus();
    await added.trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ status: "added" });
    expect(document.activeElement).toBe(added.element);
    expect(toasts.list.map((t) => t.message)).toContain("on the requests page");
    wrapper.unmount();
  });

  it("after signing in, focus is on the heading of the page signed in to, under the welcome toast", async () => {
    session.end("logout");
    mockFetch({
      ...routes(),
      "GET /api/auth/params": { iterations: 1000, challenge: "c.h.a", expires_in: 300 },
      "POST /api/auth/verify": json({ valid: true, token: freshToken("alice"), name: "alice" }),
    });
    const { wrapper, router } = await renderApp("/login");
    await wrapper.find("#login-name").setValue("alice");
    await wrapper.find("#login-password").setValue("secret");
    await wrapper.find("form").trigger("submit");
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe("/"));
    await flushPromises();
    expect(document.activeElement?.textContent).toBe("Trending this week");
    expect(toasts.list.map((t) => t.message)).toEqual(["Welcome, alice!"]);
    wrapper.unmount();
  });
});
