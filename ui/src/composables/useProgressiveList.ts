/**
 * Renders a freshly shown list a few items per task instead of all at once. Mounting 20 poster
 * cards in one go is one long main-thread task on a phone (Lighthouse's Total Blocking Time, and a
 * page that ignores taps meanwhile); the first screenful in one task and the rest a couple of cards
 * per task keeps every task short and paints the visible part first. Only a list that (re)appears
 * is staged: changes while it is on screen (another page, more items appended) render at once.
 */
import { computed, onScopeDispose, ref, watch, type ComputedRef, type Ref } from "vue";

export interface ProgressiveOptions {
  /** Items in the first task: at least the first screenful on a phone. */
  first: number;
  /** Items per further task. */
  step: number;
}

let pending = 0;
let settled: (() => void)[] = [];

/** Resolves once no list is still being staged (tests wait for this instead of timing). */
export function progressiveRenderingDone(): Promise<void> {
  if (pending === 0) return Promise.resolve();
  return new Promise((resolve) => settled.push(resolve));
}

function finished(): void {
  pending -= 1;
  if (pending > 0) return;
  const waiting = settled;
  settled = [];
  for (const resolve of waiting) resolve();
}

/**
 * `source`: the list to show; `shown`: whether it is on screen (e.g. not replaced by a loading
 * notice). Each time `shown` turns true, the items render in stages. Returns the items to render
 * and whether some are still to come.
 */
export function useProgressiveList<T>(
  source: Ref<readonly T[]>,
  shown: Ref<boolean>,
  { first, step }: ProgressiveOptions,
): { items: ComputedRef<readonly T[]>; staging: ComputedRef<boolean> } {
  const limit = ref(Number.POSITIVE_INFINITY);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let staged: readonly T[] | null = null;

  function stop(): void {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    finished();
  }

  function advance(): void {
    timer = undefined;
    limit.value += step;
    if (limit.value >= source.value.length) {
      limit.value = Number.POSITIVE_INFINITY;
      finished();
    } else {
      timer = setTimeout(advance, 0);
    }
  }

  watch(
    shown,
    (visible) => {
      stop();
      if (!visible || source.value.length <= first) {
        limit.value = Number.POSITIVE_INFINITY;
        return;
      }
      limit.value = first;
      staged = source.value;
      pending += 1;
      // A new task: the browser may paint the first screenful before the rest is built.
      timer = setTimeout(advance, 0);
    },
    { immediate: true, flush: "sync" },
  );

  // Once staged, the list follows its source at once (paging, infinite scroll).
  watch(source, (items) => {
    if (!shown.value || items === staged) return;
    stop();
    limit.value = Number.POSITIVE_INFINITY;
  });
  onScopeDispose(stop);

  return {
    items: computed(() => (limit.value >= source.value.length ? source.value : source.value.slice(0, limit.value))),
    // The list is still growing: `aria-busy` for assistive technology (and a signal for tests).
    staging: computed(() => limit.value < source.value.length),
  };
}
