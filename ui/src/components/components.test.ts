import { flushPromises, mount } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLocale } from "@/i18n/index.js";
import { session } from "@/stores/session.js";
import { toasts } from "@/stores/toasts.js";
import { json, mockFetch } from "@/utils/test/fetch-mock.js";
import { freshToken, item } from "@/utils/test/fixtures.js";
import AppDialog from "./AppDialog.vue";
import FeedsDialog from "./FeedsDialog.vue";
import LanguageSwitcher from "./LanguageSwitcher.vue";
import MediaCard from "./MediaCard.vue";
import RequestCard from "./RequestCard.vue";
import SegmentedFilter from "./SegmentedFilter.vue";
import TitleCard from "./TitleCard.vue";
import TitleCardBadge from "./TitleCardBadge.vue";
import TitleCardSkeletons from "./TitleCardSkeletons.vue";

beforeEach(async () => {
  toasts.clear();
  await setLocale("en", { persist: false });
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
});

describe("MediaCard", () => {
  it("shows type, rating and a request button that emits the item", async () => {
    const movie = item(1, { vote_average: 8.26 });
    const wrapper = mount(MediaCard, { props: { item: movie, inLibrary: false, requested: false } });
    expect(wrapper.text()).toContain("Movie");
    expect(wrapper.text()).toContain("★ 8.3");
    expect(wrapper.find("img").attributes()).toMatchObject({
      loading: "lazy",
      src: "https://image.tmdb.org/t/p/w342/p1.jpg",
      srcset: "https://image.tmdb.org/t/p/w185/p1.jpg 185w, https://image.tmdb.org/t/p/w342/p1.jpg 342w",
    });
    await wrapper.find("button").trigger("click");
    expect(wrapper.emitted("request")![0]).toEqual([movie]);
  });

  it("flags long series by season count", () => {
    const big = mount(MediaCard, {
      props: { item: item(2, { media_type: "tv", number_of_seasons: 12 }), inLibrary: false, requested: false },
    });
    const badge = big.find(".badge-danger");
    expect(badge.text()).toBe("12 seasons");
    expect(badge.attributes("title")).toContain("very large");
    const mid = mount(MediaCard, {
      props: { item: item(3, { media_type: "tv", number_of_seasons: 7 }), inLibrary: false, requested: false },
    });
    expect(mid.find(".badge-warning").exists()).toBe(true);
  });

  it("disables the button for titles in the library or already requested, and hides a zero rating", () => {
    const owned = mount(MediaCard, {
      props: { item: item(4, { vote_average: 0, year: null, overview: "" }), inLibrary: true, requested: false },
    });
    expect(owned.find("button").attributes("disabled")).toBeDefined();
    expect(owned.find("button").text()).toBe("In library");
    expect(owned.text()).not.toContain("★");
    expect(owned.text()).toContain("Unknown year");
    expect(owned.text()).toContain("No description available.");
    const asked = mount(MediaCard, { props: { item: item(5), inLibrary: false, requested: true } });
    expect(asked.find("button").text()).toContain("Requested");
  });

  it("offers Notify me too on someone else's request, then says it notifies and offers to stop", async () => {
    const movie = item(7);
    const offer = mount(MediaCard, { props: { item: movie, inLibrary: false, requested: true, followable: true, following: false } });
    // Still shown as requested (the badge), but the action is following, not a dead button.
    expect(offer.find(".badges").text()).toContain("Requested");
    const button = offer.find("button.follow");
    expect(button.text()).toBe("Notify me too");
    expect(button.attributes("aria-label")).toBe("Notify me too when Title 7 arrives");
    expect(button.attributes("disabled")).toBeUndefined();
    expect(offer.find(".following").exists()).toBe(false);
    await button.trigger("click");
    expect(offer.emitted("follow")![0]).toEqual([movie, true]);

    const on = mount(MediaCard, { props: { item: movie, inLibrary: false, requested: true, followable: true, following: true } });
    expect(on.find(".following").text()).toBe("✓ You will be notified too.");
    expect(on.find("button.follow").text()).toBe("Stop notifying me");
    expect(on.find("button.follow").attributes("aria-label")).toBe("Stop notifying me about Title 7");
    await on.find("button.follow").trigger("click");
    expect(on.emitted("follow")![0]).toEqual([movie, false]);

    // One's own request, and a title in the library, offer nothing to follow.
    const mine = mount(MediaCard, { props: { item: movie, inLibrary: false, requested: true, followable: false } });
    expect(mine.find("button.follow").exists()).toBe(false);
    expect(mine.find("button:disabled").text()).toContain("Requested");
    const owned = mount(MediaCard, { props: { item: movie, inLibrary: true, requested: true, followable: true } });
    expect(owned.find("button.follow").exists()).toBe(false);
    expect(owned.find("button:disabled").text()).toBe("In library");
  });

  it("falls back to the placeholder when the poster fails", async () => {
    const wrapper = mount(MediaCard, { props: { item: item(6), inLibrary: false, requested: false } });
    await wrapper.find("img").trigger("error");
    expect(wrapper.find("img").exists()).toBe(false);
    expect(wrapper.find("svg.placeholder").exists()).toBe(true);
  });
});

describe("RequestCard", () => {
  const request = {
    tmdb_id: 1396,
    media_type: "tv" as const,
    title: "Breaking Bad",
    year: 2008,
    overview: "A chemistry teacher turns to crime.",
    poster_path: "/bb.jpg",
    imdb_id: "tt0903747",
    tvdb_id: null,
    requested_by: "alice",
    created_at: "2026-11-01T12:00:00.000Z",
    added_at: null,
    plex_guid: null,
    profile: "default" as const,
    seasons: { all: true, seasons: [] },
  };

  it("is a focusable card named by its title, with its state in badges and classes", async () => {
    const wrapper = mount(RequestCard, { props: { request, focused: true } });
    const card = wrapper.find("article");
    expect(card.attributes()).toMatchObject({ id: "request-tv-1396", tabindex: "-1", "aria-labelledby": "req-title-tv-1396" });
    expect(card.classes()).toEqual(expect.arrayContaining(["card", "missing", "focused"]));
    expect(wrapper.find("#req-title-tv-1396").text()).toBe("Breaking Bad");
    expect(wrapper.find(".badge-accent").text()).toBe("TV");
    expect(wrapper.find(".badge-warning").attributes("title")).toContain("TVDB");
    expect(wrapper.find(".meta").text()).toMatch(/^alice · /);
    expect(wrapper.find("a").attributes("href")).toBe("https://www.imdb.com/title/tt0903747/");
    await wrapper.find("button.remove").trigger("click");
    expect(wrapper.emitted("remove")![0]).toEqual([request]);
  });

  it("says a request without a requester was imported (from the original Stellarr), with its date", () => {
    const wrapper = mount(RequestCard, { props: { request: { ...request, requested_by: null } } });
    expect(wrapper.find(".meta").text()).toMatch(/^Imported · requested \S/);
    expect(wrapper.find(".meta").text()).not.toContain("null");
  });

  it("lists who else is notified and offers Notify me too on someone else's pending request", async () => {
    const wrapper = mount(RequestCard, { props: { request: { ...request, followers: ["bob", "carol"] }, me: "dave" } });
    expect(wrapper.find(".followers").text()).toBe("Also notifying: bob, carol");
    const follow = wrapper.find("button.follow");
    expect(follow.text()).toBe("Notify me too");
    expect(follow.attributes("aria-pressed")).toBe("false");
    await follow.trigger("click");
    expect(wrapper.emitted("follow")![0]).toEqual([{ ...request, followers: ["bob", "carol"] }, true]);

    await wrapper.setProps({ me: "bob" });
    expect(wrapper.find("button.follow").text()).toBe("Stop notifying me");
    await wrapper.find("button.follow").trigger("click");
    expect(wrapper.emitted("follow")![1]![1]).toBe(false);
  });

  it("offers no follow button to the requester, on a title in the library, or without a session", () => {
    expect(
      mount(RequestCard, { props: { request, me: "alice" } })
        .find("button.follow")
        .exists(),
    ).toBe(false);
    const added = { ...request, added_at: "2026-11-02T12:00:00.000Z" };
    expect(
      mount(RequestCard, { props: { request: added, me: "bob" } })
        .find("button.follow")
        .exists(),
    ).toBe(false);
    expect(mount(RequestCard, { props: { request } }).find("button.follow").exists()).toBe(false);
    expect(
      mount(RequestCard, { props: { request: { ...request, followers: [] } } })
        .find(".followers")
        .exists(),
    ).toBe(false);
  });

  it("shows an added request as in the library, without the missing-id warning", () => {
    const wrapper = mount(RequestCard, { props: { request: { ...request, added_at: "2026-11-02T12:00:00.000Z" } } });
    expect(wrapper.find("article").classes()).toContain("added");
    expect(wrapper.find("article").classes()).not.toContain("missing");
    expect(wrapper.find(".badge-success").text()).toBe("In library");
    expect(wrapper.find(".badge-warning").exists()).toBe(false);
  });
});

describe("AppDialog", () => {
  it("opens modally, closes on Escape (cancel), and gives focus back to the opener", async () => {
    const opener = document.createElement("button");
    document.body.append(opener);
    opener.focus();
    const wrapper = mount(AppDialog, {
      props: { open: false, title: "Hello" },
      slots: { default: "<p>Body</p>" },
      attachTo: document.body,
    });
    await wrapper.setProps({ open: true });
    const dialog = wrapper.find("dialog");
    expect((dialog.element as HTMLDialogElement).open).toBe(true);
    expect(dialog.attributes("aria-labelledby")).toBe(wrapper.find("h2").attributes("id"));
    await dialog.trigger("cancel");
    expect(wrapper.emitted("close")).toHaveLength(1);
    await wrapper.setProps({ open: false });
    expect((dialog.element as HTMLDialogElement).open).toBe(false);
    expect(document.activeElement).toBe(opener);
    wrapper.unmount();
  });
});

describe("FeedsDialog", () => {
  const feed = (name: string, url: string) => ({ name, description: `${name} list`, url, format: "json", setup: `Add ${name}` });
  const body = {
    token_required: true,
    feeds: {
      radarr_instance: { ...feed("Radarr instance", "https://s.test/arr/radarr"), api_key: "t" },
      sonarr_instance: { ...feed("Sonarr instance", "https://s.test/arr/sonarr"), api_key: "t" },
      radarr_tmdb: feed("Radarr (TMDB)", "https://s.test/list/radarr/tmdb?token=t"),
      radarr: feed("Radarr (IMDb)", "https://s.test/list/radarr?token=t"),
      sonarr: feed("Sonarr", "https://s.test/list/sonarr?token=t"),
    },
    warning: "Clean Library...",
  };

  it("loads the feeds on open, warns about Clean Library and copies a URL", async () => {
    session.start(freshToken(), "alice");
    const http = mockFetch({ "GET /api/feeds": json(body) });
    const writeText = vi.fn(async () => {});
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    const wrapper = mount(FeedsDialog, { props: { open: true }, attachTo: document.body });
    await flushPromises();
    expect(http.calls[0]!.headers.get("authorization")).toMatch(/^Bearer /);
    expect(wrapper.text()).toContain("Careful with “Clean Library”");
    expect(wrapper.text()).toContain("These URLs contain the feed token.");
    // The instance lists first (URL and API key each), then the feeds, the TMDB one before StevenLu.
    expect(wrapper.findAll("input").map((i) => (i.element as HTMLInputElement).value)).toEqual([
      body.feeds.radarr_instance.url,
      "t",
      body.feeds.sonarr_instance.url,
      "t",
      body.feeds.radarr_tmdb.url,
      body.feeds.radarr.url,
      body.feeds.sonarr.url,
    ]);
    expect(wrapper.findAll("h3")[0]!.text()).toContain("Fastest");
    await wrapper.find("button[aria-label='Copy the URL of Sonarr']").trigger("click");
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(body.feeds.sonarr.url);
    expect(toasts.list.at(-1)!.message).toBe("URL copied.");
    await wrapper.find("button[aria-label='Copy the API key of Sonarr instance']").trigger("click");
    await flushPromises();
    expect(writeText).toHaveBeenLastCalledWith("t");
    expect(toasts.list.at(-1)!.message).toBe("API key copied.");
    wrapper.unmount();
    session.end("logout");
  });
});

describe("LanguageSwitcher", () => {
  it("switches the language of the whole app and <html lang>", async () => {
    const wrapper = mount(LanguageSwitcher, { attachTo: document.body });
    await wrapper.find("select").setValue("de");
    await vi.waitFor(() => expect(document.documentElement.lang).toBe("de"));
    await flushPromises();
    expect(wrapper.find("label").text()).toBe("Sprache");
    expect(localStorage.getItem("stellarr.locale")).toBe("de");
    localStorage.clear();
    wrapper.unmount();
  });
});

describe("SegmentedFilter", () => {
  const options = [
    { value: "all", label: "All", count: 4 },
    { value: "movie", label: "Movies", count: 3 },
    { value: "tv", label: "TV shows" },
  ] as const;

  it("is a labelled group with exactly the chosen button pressed, counts after the labels", () => {
    const wrapper = mount(SegmentedFilter, { props: { options, label: "Type", modelValue: "movie" } });
    expect(wrapper.attributes()).toMatchObject({ role: "group", "aria-label": "Type" });
    const buttons = wrapper.findAll("button");
    expect(buttons.map((b) => b.text())).toEqual(["All (4)", "Movies (3)", "TV shows"]);
    expect(buttons.map((b) => b.attributes("aria-pressed"))).toEqual(["false", "true", "false"]);
    expect(buttons.every((b) => b.attributes("type") === "button")).toBe(true);
  });

  it("emits the new value, and nothing for the one already chosen", async () => {
    const wrapper = mount(SegmentedFilter, { props: { options, label: "Type", modelValue: "all" } });
    await wrapper.findAll("button")[0]!.trigger("click");
    expect(wrapper.emitted("update:modelValue")).toBeUndefined();
    await wrapper.findAll("button")[2]!.trigger("click");
    expect(wrapper.emitted("update:modelValue")).toEqual([["tv"]]);
  });
});

describe("TitleCard family", () => {
  it("shows the status badge beside the type badge", () => {
    const media = { media_type: "movie" as const, title: "Heat", year: 1995, overview: null, poster_path: null };
    const requested = mount(TitleCard, { props: { media, headingId: "h", status: "requested" } });
    expect(requested.findAll(".badge").map((b) => b.text())).toEqual(["Movie", "Requested"]);
    const owned = mount(TitleCard, { props: { media, headingId: "h", status: "in-library" } });
    expect(owned.find(".badge-success").text()).toBe("In library");
    expect(mount(TitleCard, { props: { media, headingId: "h" } }).findAll(".badge")).toHaveLength(1);
  });

  it("without a title it is a placeholder of the same frame, hidden from assistive technology", () => {
    const wrapper = mount(TitleCard, { props: { media: null } });
    expect(wrapper.find("article").exists()).toBe(false);
    expect(wrapper.classes()).toEqual(expect.arrayContaining(["card", "skeleton"]));
    expect(wrapper.attributes("aria-hidden")).toBe("true");
    expect(wrapper.text()).toBe("");
  });

  it("a grid of placeholders announces loading once", () => {
    const wrapper = mount(TitleCardSkeletons, { props: { count: 3 } });
    expect(wrapper.findAll(".skeleton")).toHaveLength(3);
    expect(wrapper.find("ul").attributes("aria-hidden")).toBe("true");
    expect(wrapper.find("[role=status]").text()).toBe("Loading…");
  });

  it("a badge's label replaces its symbol for screen readers; a hint is only a tooltip", () => {
    const labelled = mount(TitleCardBadge, { props: { tone: "warning", label: "No IMDb id" }, slots: { default: "!" } });
    expect(labelled.classes()).toEqual(["badge", "badge-warning"]);
    expect(labelled.attributes("title")).toBe("No IMDb id");
    expect(labelled.find("[aria-hidden=true]").text()).toBe("!");
    expect(labelled.find(".sr-only").text()).toBe("No IMDb id");
    const hinted = mount(TitleCardBadge, { props: { hint: "A large series" }, slots: { default: "8 seasons" } });
    expect(hinted.text()).toBe("8 seasons");
    expect(hinted.attributes("title")).toBe("A large series");
    expect(hinted.find(".sr-only").exists()).toBe(false);
  });
});
