/**
 * The notification a device shows when its owner's request arrives (product.md §7). This object is
 * the service worker's push contract (docs/push.md): keep the field names stable.
 */
import type { Fulfilment } from "../../ports/notifier.js";
import type { MediaType } from "../../ports/store/index.js";
import { DEFAULT_PUSH_LOCALE, supportedLocale, type PushLocale } from "./locale.js";

export interface PushPayload {
  title: string;
  body: string;
  /** `fulfilled-<type>-<id>`: a newer notification for the same title replaces the older one. */
  tag: string;
  /** Same-origin path the service worker opens or focuses on click. */
  url: string;
  /** TMDB w500 poster, or null. */
  image: string | null;
  icon: string;
}

export const PUSH_ICON = "/icons/icon-192.png";
const POSTER_BASE = "https://image.tmdb.org/t/p/w500";
/** Keeps the encrypted record well below the 4 KB push limit whatever TMDB returns. */
const MAX_TITLE = 200;

interface Texts {
  title: Record<MediaType, string>;
  arrived(name: string): string;
  arrivedUntitled: string;
}

const TEXTS: Record<PushLocale, Texts> = {
  en: {
    title: { movie: "Movie available", tv: "Show available" },
    arrived: (name) => `${name} is now in the library.`,
    arrivedUntitled: "Your request is now in the library.",
  },
  es: {
    title: { movie: "Película disponible", tv: "Serie disponible" },
    arrived: (name) => `${name} ya está en la biblioteca.`,
    arrivedUntitled: "Tu solicitud ya está en la biblioteca.",
  },
  fr: {
    title: { movie: "Film disponible", tv: "Série disponible" },
    arrived: (name) => `${name} est maintenant dans la bibliothèque.`,
    arrivedUntitled: "Votre demande est maintenant dans la bibliothèque.",
  },
  de: {
    title: { movie: "Film verfügbar", tv: "Serie verfügbar" },
    arrived: (name) => `${name} ist jetzt in der Bibliothek.`,
    arrivedUntitled: "Deine Anfrage ist jetzt in der Bibliothek.",
  },
};

export function buildFulfilmentPayload(
  fulfilment: Pick<Fulfilment, "media_type" | "tmdb_id" | "title" | "year" | "poster_path">,
  locale: string,
): PushPayload {
  const texts = TEXTS[supportedLocale(locale) ?? DEFAULT_PUSH_LOCALE];
  const { media_type: type, tmdb_id: id } = fulfilment;
  const name = fulfilment.title?.trim().slice(0, MAX_TITLE);
  const label = name ? (fulfilment.year ? `${name} (${fulfilment.year})` : name) : null;
  // Only a plain TMDB file path makes it into a URL the device will fetch.
  const poster = fulfilment.poster_path && /^\/[A-Za-z0-9._-]{1,200}$/.test(fulfilment.poster_path) ? fulfilment.poster_path : null;
  return {
    title: texts.title[type],
    body: label ? texts.arrived(label) : texts.arrivedUntitled,
    tag: `fulfilled-${type}-${id}`,
    url: `/requests?status=added&focus=${type}-${id}`,
    image: poster ? `${POSTER_BASE}${poster}` : null,
    icon: PUSH_ICON,
  };
}
