import { flushPromises, mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { item, request } from "@/utils/test/fixtures.js";
import MediaCard from "./MediaCard.vue";
import RequestCard from "./RequestCard.vue";
import RequestOptionsDialog from "./RequestOptionsDialog.vue";

describe("RequestOptionsDialog", () => {
  const show = item(1396, { media_type: "tv", title: "Breaking Bad", number_of_seasons: 5 });

  it("offers the profile and, for a show, all seasons or a choice of its seasons", async () => {
    const wrapper = mount(RequestOptionsDialog, { props: { item: null }, attachTo: document.body });
    await wrapper.setProps({ item: show });
    expect(wrapper.findAll("input[name='profile']").map((i) => i.attributes("value"))).toEqual(["default", "4k"]);
    await wrapper.find("input[value='some']").setValue(true);
    expect(wrapper.findAll("input[type='checkbox']")).toHaveLength(5);
    // Nothing picked yet: cannot submit.
    expect(wrapper.find("button[type='submit']").attributes("disabled")).toBeDefined();
    await wrapper.findAll("input[type='checkbox']")[2]!.setValue(true);
    await wrapper.findAll("input[type='checkbox']")[0]!.setValue(true);
    await wrapper.find("input[value='4k']").setValue(true);
    await wrapper.find("form").trigger("submit");
    expect(wrapper.emitted("submit")![0]).toEqual([show, { profile: "4k", seasons: [1, 3] }]);
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

  it("a show without a known season count offers all seasons only", async () => {
    const wrapper = mount(RequestOptionsDialog, { props: { item: item(5, { media_type: "tv" }) }, attachTo: document.body });
    expect(wrapper.findAll("input[name='season-mode']").map((i) => i.attributes("value"))).toEqual(["all"]);
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
