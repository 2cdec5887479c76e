import { mount } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { ListedRequest } from "@/api/types.js";
import { setLocale } from "@/i18n/index.js";
import { request } from "@/utils/test/fixtures.js";
import RequestCard from "./RequestCard.vue";

afterEach(async () => {
  await setLocale("en", { persist: false });
});

describe("RequestCard: where a title is available", () => {
  const added = (available_on: ListedRequest["available_on"]): ListedRequest => ({
    ...request(603, { added_at: "2026-11-02T12:00:00.000Z", title: "The Matrix" }),
    followers: [],
    available_on,
  });

  it("names the servers, in the order the server gives, when more than one has the title", () => {
    const wrapper = mount(RequestCard, { props: { request: added(["plex", "jellyfin"]) } });
    expect(wrapper.find(".available-on").text()).toBe("Available on Plex, Jellyfin");
    // The badge keeps its wording.
    expect(wrapper.find(".badge-success").text()).toBe("In library");
    const three = mount(RequestCard, { props: { request: added(["plex", "jellyfin", "emby"]) } });
    expect(three.find(".available-on").text()).toBe("Available on Plex, Jellyfin, Emby");
    expect(
      mount(RequestCard, { props: { request: added(["jellyfin", "emby"]) } })
        .find(".available-on")
        .text(),
    ).toBe("Available on Jellyfin, Emby");
  });

  it("adds nothing with one server, none, or a request from a server that does not send the field", () => {
    for (const request of [added(["jellyfin"]), added([]), { ...added([]), available_on: undefined }]) {
      const wrapper = mount(RequestCard, { props: { request } });
      expect(wrapper.find(".available-on").exists()).toBe(false);
      expect(wrapper.text()).not.toContain("Available on");
    }
    expect(
      mount(RequestCard, { props: { request: added(["jellyfin"]) } })
        .find(".badge-success")
        .text(),
    ).toBe("In library");
  });

  it("says it in the chosen language, server names untranslated", async () => {
    const cases = { es: "Disponible en Plex, Emby", fr: "Disponible sur Plex, Emby", de: "Verfügbar auf Plex, Emby" } as const;
    for (const [locale, text] of Object.entries(cases)) {
      await setLocale(locale as keyof typeof cases, { persist: false });
      expect(
        mount(RequestCard, { props: { request: added(["plex", "emby"]) } })
          .find(".available-on")
          .text(),
      ).toBe(text);
    }
  });
});
