import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { toasts } from "@/stores/toasts.js";
import { apiError, json, mockFetch } from "@/utils/test/fetch-mock.js";
import { renderApp } from "@/utils/test/render.js";
import { signedInAsAlice, signedOutAndCleared } from "@/utils/test/signed-in.js";

const ntfy = {
  id: "ch_AAAAAAAAAAAAAAAA",
  type: "ntfy",
  host: "ntfy.sh",
  masked: "ntfy.sh/…3fa9",
  locale: "en",
  created_at: "2026-03-01T12:00:00.000Z",
  last_delivery: { status: "failed", at: "2026-03-02T12:00:00.000Z", error: "ntfy 403: forbidden (40301)" },
};

beforeEach(signedInAsAlice);
afterEach(signedOutAndCleared);

describe("channels page", () => {
  it("shows placeholder rows while the list loads, then the channels", async () => {
    let release!: (r: Response) => void;
    mockFetch({
      "GET /api/channels": () => new Promise<Response>((resolve) => (release = resolve)),
      "GET /api/library-status": { library: { movie: [], tv: [] }, requests: [] },
    });
    const { wrapper } = await renderApp("/channels");
    expect(wrapper.findAll("[data-testid=channel-skeletons] li")).toHaveLength(2);
    expect(wrapper.find("[data-testid=channel-skeletons]").attributes("aria-hidden")).toBe("true");
    expect(wrapper.find(".channels [role=status]").text()).toBe("Loading…");
    expect(wrapper.text()).not.toContain("No channels yet.");
    release(json({ channels: [ntfy] }));
    await flushPromises();
    expect(wrapper.find("[data-testid=channel-skeletons]").exists()).toBe(false);
    expect(wrapper.find(`[data-channel="${ntfy.id}"]`).exists()).toBe(true);
    wrapper.unmount();
  });

  it("lists channels with their last delivery, adds a webhook and shows its generated secret once", async () => {
    const webhook = {
      ...ntfy,
      id: "ch_BBBBBBBBBBBBBBBB",
      type: "webhook",
      host: "hooks.example",
      masked: "hooks.example/…77aa",
      last_delivery: null,
    };
    const http = mockFetch({
      "GET /api/channels": { channels: [ntfy] },
      "GET /api/library-status": { library: { movie: [], tv: [] }, requests: [] },
      "POST /api/channels": json({ channel: webhook, secret: "generated-secret-abcdefghijklmnopqrstuvwxyz0123" }, 201),
    });
    const { wrapper } = await renderApp("/channels");
    expect(wrapper.find("h1").text()).toBe("Notification channels");
    expect(wrapper.find(`[data-channel="${ntfy.id}"]`).text()).toContain("ntfy.sh/…3fa9");
    expect(wrapper.find(`[data-channel="${ntfy.id}"]`).text()).toContain("failed (ntfy 403: forbidden (40301))");

    await wrapper.find("select[name=type]").setValue("webhook");
    await wrapper.find("input[name=url]").setValue("https://hooks.example/in");
    await wrapper.find("form").trigger("submit");
    await flushPromises();
    expect(http.callsTo("POST", "/api/channels")[0]!.body).toEqual({ type: "webhook", url: "https://hooks.example/in", locale: "en" });
    expect(wrapper.find("[data-testid=generated-secret]").text()).toBe("generated-secret-abcdefghijklmnopqrstuvwxyz0123");
    expect(wrapper.find(`[data-channel="${webhook.id}"]`).text()).toContain("Nothing delivered yet");
    wrapper.unmount();
  });

  it("tests a channel and shows the new last delivery; removes one; says why an add failed", async () => {
    const http = mockFetch({
      "GET /api/channels": { channels: [ntfy] },
      "GET /api/library-status": { library: { movie: [], tv: [] }, requests: [] },
      [`POST /api/channels/${ntfy.id}/test`]: { delivered: true, last_delivery: { status: "ok", at: "2026-03-03T12:00:00.000Z" } },
      [`DELETE /api/channels/${ntfy.id}`]: { status: "removed" },
      "POST /api/channels": apiError(422, "endpoint_not_allowed", "Channel URL not allowed: non-public address"),
    });
    const { wrapper } = await renderApp("/channels");
    await wrapper.find("button.test").trigger("click");
    await flushPromises();
    expect(wrapper.find(`[data-channel="${ntfy.id}"]`).text()).toContain("delivered");
    expect(toasts.list.at(-1)!.message).toBe("Test message delivered.");

    await wrapper.find("input[name=url]").setValue("https://192.168.1.2/topic");
    await wrapper.find("form").trigger("submit");
    await flushPromises();
    expect(toasts.list.at(-1)!.message).toContain("The channel could not be saved.");
    expect(toasts.list.at(-1)!.message).toContain("private or local network");

    await wrapper.find("button.remove").trigger("click");
    await flushPromises();
    expect(http.callsTo("DELETE", `/api/channels/${ntfy.id}`)).toHaveLength(1);
    expect(wrapper.text()).toContain("No channels yet.");
    wrapper.unmount();
  });

  it("says so when the notifier (AWS) could not test in time", async () => {
    mockFetch({
      "GET /api/channels": { channels: [ntfy] },
      "GET /api/library-status": { library: { movie: [], tv: [] }, requests: [] },
      [`POST /api/channels/${ntfy.id}/test`]: apiError(504, "notifier_timeout", "The notifier did not answer in time"),
    });
    const { wrapper } = await renderApp("/channels");
    await wrapper.find("button.test").trigger("click");
    await flushPromises();
    expect(toasts.list.at(-1)!.message).toBe(
      "The notification service took too long to answer; the channel's last delivery will tell how it went.",
    );
    wrapper.unmount();
  });
});
