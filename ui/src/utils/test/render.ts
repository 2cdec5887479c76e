/** Mounts the whole app (header, router, toasts) at a path, on a memory history. */
import { flushPromises, mount } from "@vue/test-utils";
import { createMemoryHistory } from "vue-router";
import App from "@/App.vue";
import { progressiveRenderingDone } from "@/composables/useProgressiveList.js";
import { createAppRouter } from "@/router/index.js";

export async function renderApp(path: string) {
  const router = createAppRouter(createMemoryHistory());
  await router.push(path);
  await router.isReady();
  const wrapper = mount(App, { global: { plugins: [router] }, attachTo: document.body });
  // The routed view renders in the task after the shell (App.vue), and long lists a few cards per
  // task after that: wait for the view, its data and the whole grid.
  for (let turn = 0; turn < 20 && !wrapper.find("main#main > *").exists(); turn++) await flushPromises();
  await flushPromises();
  await progressiveRenderingDone();
  await flushPromises();
  return { wrapper, router };
}

/** A stand-in IntersectionObserver whose targets the test makes visible on demand. */
export class FakeIntersectionObserver {
  static instances: FakeIntersectionObserver[] = [];
  targets = new Set<Element>();
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeIntersectionObserver.instances.push(this);
  }
  observe(target: Element): void {
    this.targets.add(target);
  }
  unobserve(target: Element): void {
    this.targets.delete(target);
  }
  disconnect(): void {
    this.targets.clear();
  }
  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }
  static reveal(): void {
    for (const observer of FakeIntersectionObserver.instances) {
      const entries = [...observer.targets].map((target) => ({ isIntersecting: true, target }) as IntersectionObserverEntry);
      if (entries.length) observer.callback(entries, observer as unknown as IntersectionObserver);
    }
  }
}

/** Makes `(max-width: 768px)` match, as on a phone. */
export function stubPhoneViewport(phone: boolean): void {
  const original = window.matchMedia.bind(window);
  window.matchMedia = ((query: string) => {
    const list = original(query);
    if (query.includes("max-width: 768px")) Object.defineProperty(list, "matches", { get: () => phone });
    return list;
  }) as typeof window.matchMedia;
}
