import { flushPromises, mount } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { setLocale } from "@/i18n/index.js";
import { item, request } from "@/utils/test/fixtures.js";
import MediaCard from "./MediaCard.vue";
import RequestCard from "./RequestCard.vue";
import RequestOptionsDialog from "./RequestOptionsDialog.vue";

describe("RequestOptionsDialog", () => {
  // TMDB lists specials (0) and seasons 1–5 for Breaking Bad; the count excludes specials.
  const show = item(1396, { media_type: "tv", title: "Breaking Bad", number_of_seasons: 5, season_numbers: [0, 1, 2, 3, 4, 5] });
  afterEach(() => setLocale("en", { persist: false }));

  const seasonChoices = (wrapper: ReturnType<typeof mount>) =>
    wrapper.findAll(".season").map((l) => [l.find("input").element.value, l.text()]);

  it("offers the profile and, for a show, all seasons or a choice of exactly TMDB's seasons, specials first", async () => {
    const wrapper = mount(RequestOptionsDialog, { props: { item: null }, attachTo: document.body });
    await wrapper.setProps({ item: show });
    expect(wrapper.findAll("input[name='profile']").map((i) => i.attributes("value"))).toEqual(["default", "4k"]);
    await wrapper.find("input[value='some']").setValue(true);
    expect(seasonChoices(wrapper)).toEqual([
      ["0", "Specials"],
      ["1", "Season 1"],
      ["2", "Season 2"],
      ["3", "Season 3"],
      ["4", "Season 4"],
      ["5", "Season 5"],
    ]);
    // Nothing picked yet: cannot submit.
    expect(wrapper.find("button[type='submit']").attributes("disabled")).toBeDefined();
    await wrapper.findAll("input[type='checkbox']")[3]!.setValue(true);
    await wrapper.findAll("input[type='checkbox']")[0]!.setValue(true);
    await wrapper.findAll("input[type='checkbox']")[1]!.setValue(true);
    await wrapper.find("input[value='4k']").setValue(true);
    await wrapper.find("form").trigger("submit");
    expect(wrapper.emitted("submit")![0]).toEqual([show, { profile: "4k", seasons: [0, 1, 3] }]);
    wrapper.unmount();
  });

  it("offers no specials when TMDB lists none, and gaps in TMDB's numbering stay gaps", async () => {
    const noSpecials = item(82728, { media_type: "tv", title: "Bluey", number_of_seasons: 3, season_numbers: [1, 2, 4] });
    const wrapper = mount(RequestOptionsDialog, { props: { item: noSpecials }, attachTo: document.body });
    await wrapper.find("input[value='some']").setValue(true);
    expect(seasonChoices(wrapper).map(([n]) => n)).toEqual(["1", "2", "4"]);
    wrapper.unmount();
  });

  it.each([
    ["es", ["Especiales", "Temporada 1"]],
    ["fr", ["Épisodes spéciaux", "Saison 1"]],
    ["de", ["Specials", "Staffel 1"]],
  ] as const)("names specials and seasons in %s", async (locale, labels) => {
    await setLocale(locale, { persist: false });
    const wrapper = mount(RequestOptionsDialog, { props: { item: show }, attachTo: document.body });
    await wrapper.find("input[value='some']").setValue(true);
    expect(
      seasonChoices(wrapper)
        .slice(0, 2)
        .map(([, label]) => label),
    ).toEqual(labels);
    wrapper.unmount();
  });

  it("sends no choices for the defaults, and no seasons for a movie", async () => {
    const movie = item(603, { title: "The Matrix" });
    const wrapper = mount(RequestOptionsDialog, { props: { item: movie }, attachTo: document.body });
    expect(wrapper.find("input[name='season-mode']").exists()).toBe(false);
    await wrapper.find("form").trigger("submit");
    expect(wrapper.emitted("submit")![0]).toEqual([movie, {}]);
    wrapper.unmount();
  });

  it.each([
    ["nothing known about its seasons", {}],
    ["TMDB could not say", { number_of_seasons: null, season_numbers: null }],
    // A trending file written before `season_numbers` existed: a count alone does not say which numbers the server accepts.
    ["only a season count (an older trending file)", { number_of_seasons: 4 }],
    ["an empty season list", { number_of_seasons: 0, season_numbers: [] }],
  ])("a show with %s offers all seasons only", async (_name, seasons) => {
    const wrapper = mount(RequestOptionsDialog, { props: { item: item(5, { media_type: "tv", ...seasons }) }, attachTo: document.body });
    expect(wrapper.findAll("input[name='season-mode']").map((i) => i.attributes("value"))).toEqual(["all"]);
    await wrapper.find("form").trigger("submit");
    expect(wrapper.emitted("submit")![0]![1]).toEqual({});
    wrapper.unmount();
  });
});

describe("request choices on cards", () => {
  it("a media card's options button asks for the dialog", async () => {
    const wrapper = mount(MediaCard, { props: { item: item(7, { title: "Seven" }), inLibrary: false, requested: false } });
    await wrapper.find("button.options").trigger("click");
    await flushPromises();
    expect(wrapper.emitted("choose")![0]).toEqual([item(7, { title: "Seven" })]);
  });

  it("a request card shows the seasons asked for and the 4K profile", () => {
    const some = mount(RequestCard, {
      props: { request: request(1, { media_type: "tv", seasons: { all: false, seasons: [1, 3] }, profile: "4k" }) },
    });
    expect(some.find(".choice").text()).toBe("Seasons 1, 3 · 4K");
    const all = mount(RequestCard, { props: { request: request(2, { media_type: "tv", seasons: { all: true, seasons: [0] } }) } });
    expect(all.find(".choice").text()).toBe("All seasons and specials");
    expect(
      mount(RequestCard, { props: { request: request(3) } })
        .find(".choice")
        .exists(),
    ).toBe(false);
  });
});
