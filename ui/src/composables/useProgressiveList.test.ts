import { flushPromises, mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { computed, defineComponent, h, nextTick, ref } from "vue";
import { progressiveRenderingDone, useProgressiveList } from "./useProgressiveList.js";

function harness(count: number) {
  const source = ref(Array.from({ length: count }, (_, i) => i + 1));
  const loading = ref(false);
  const Grid = defineComponent({
    setup() {
      const { items, staging } = useProgressiveList(
        source,
        computed(() => !loading.value),
        { first: 4, step: 2 },
      );
      return () =>
        h(
          "ul",
          { "aria-busy": staging.value },
          items.value.map((n) => h("li", { key: n }, String(n))),
        );
    },
  });
  const wrapper = mount(Grid);
  const rendered = () => wrapper.findAll("li").map((li) => Number(li.text()));
  return { wrapper, source, loading, rendered };
}

describe("useProgressiveList", () => {
  it("renders the first items at once and the rest in later tasks, busy meanwhile", async () => {
    const { wrapper, rendered } = harness(9);
    expect(rendered()).toEqual([1, 2, 3, 4]);
    expect(wrapper.find("ul").attributes("aria-busy")).toBe("true");
    await progressiveRenderingDone();
    await nextTick();
    expect(rendered()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(wrapper.find("ul").attributes("aria-busy")).toBe("false");
    wrapper.unmount();
  });

  it("shows a short list at once", async () => {
    const { wrapper, rendered } = harness(3);
    expect(rendered()).toEqual([1, 2, 3]);
    expect(wrapper.find("ul").attributes("aria-busy")).toBe("false");
    wrapper.unmount();
  });

  it("follows a changed list at once, and stages again when the list reappears", async () => {
    const { wrapper, source, loading, rendered } = harness(9);
    // Paging while staging: the new page is shown whole, no later task trims or extends it.
    source.value = Array.from({ length: 6 }, (_, i) => i + 101);
    await nextTick();
    expect(rendered()).toEqual([101, 102, 103, 104, 105, 106]);
    await progressiveRenderingDone();
    expect(rendered()).toEqual([101, 102, 103, 104, 105, 106]);

    // Hidden behind a loading notice, then back with a new list: staged from the start.
    loading.value = true;
    source.value = Array.from({ length: 8 }, (_, i) => i + 201);
    loading.value = false;
    await nextTick();
    expect(rendered()).toEqual([201, 202, 203, 204]);
    await progressiveRenderingDone();
    await flushPromises();
    expect(rendered()).toHaveLength(8);
    wrapper.unmount();
  });

  it("stops staging when unmounted", async () => {
    const { wrapper } = harness(20);
    wrapper.unmount();
    // Would never settle if the unmounted list still counted as pending.
    await progressiveRenderingDone();
  });
});
