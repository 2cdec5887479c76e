import { onBeforeUnmount, ref, type Ref } from "vue";

/** A reactive `matchMedia`; false where matchMedia does not exist. */
export function useMediaQuery(query: string): Ref<boolean> {
  const matches = ref(false);
  if (typeof window === "undefined" || typeof window.matchMedia !== "function") return matches;
  const list = window.matchMedia(query);
  matches.value = list.matches;
  const update = (event: MediaQueryListEvent): void => {
    matches.value = event.matches;
  };
  list.addEventListener("change", update);
  onBeforeUnmount(() => list.removeEventListener("change", update));
  return matches;
}

/** Phones and narrow windows scroll infinitely; wider screens page. Same breakpoint as the CSS. */
export const useIsMobile = (): Ref<boolean> => useMediaQuery("(max-width: 768px)");
