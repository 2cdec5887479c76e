import { onBeforeUnmount } from "vue";

/** A debounced call that is cancelled when the component goes away. */
export function useDebounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const call = (...args: A): void => {
    cancel();
    timer = setTimeout(() => {
      timer = null;
      fn(...args);
    }, ms);
  };
  onBeforeUnmount(cancel);
  return { call, cancel };
}
