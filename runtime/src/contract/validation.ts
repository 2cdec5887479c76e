/**
 * Validation rules the server and its clients share (the UI, the sync CLI, the stack): one
 * definition each, so a client never accepts what the server refuses.
 */

/** The media types Stellarr requests and tracks. */
export const MEDIA_TYPES = ["movie", "tv"] as const;

/** TMDB and TVDB ids are positive 32-bit integers in practice; anything larger is not an id. */
export const MAX_ID = 2_147_483_647;

/** A whole-number id from 1 to `MAX_ID`. */
export const isId = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= MAX_ID;

/** An id written as text: decimal digits, no sign, no leading zero, no exponent, at most 10 digits. */
export const ID_TEXT = /^[1-9]\d{0,9}$/;

/**
 * `ID_TEXT` limited to `MAX_ID` (1 to 2147483647), as a pattern: a path or query id that a JSON
 * Schema can check too.
 */
export const ID_TEXT_UP_TO_MAX =
  /^(?:[1-9]\d{0,8}|1\d{9}|20\d{8}|21[0-3]\d{7}|214[0-6]\d{6}|2147[0-3]\d{5}|21474[0-7]\d{4}|214748[0-2]\d{3}|2147483[0-5]\d{2}|21474836[0-3]\d|214748364[0-7])$/;

/** An IMDb title id as the sync batch takes it (`tt` and digits). */
export const IMDB_ID_PATTERN = /^tt\d{1,12}$/;

/** `sync_id` of a full library resync. */
export const SYNC_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A trending locale (`TRENDING_LOCALES`, trending file names): `en`, `pt-BR`. */
export const TRENDING_LOCALE = /^[a-z]{2}(-[A-Z]{2})?$/;

/** Display names (product.md §3): at most this many code points after normalisation. */
export const NAME_MAX_LENGTH = 50;

export type NameCheck = { ok: true; name: string } | { ok: false; message: string };

/** Display names (product.md §3): NFC, trimmed, 1–50 code points, no control characters. */
export function normaliseName(raw: string): NameCheck {
  const name = raw.normalize("NFC").trim();
  const length = [...name].length;
  if (length < 1 || length > NAME_MAX_LENGTH) return { ok: false, message: `Name must be 1 to ${NAME_MAX_LENGTH} characters` };
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(name)) return { ok: false, message: "Name must not contain control characters" };
  return { ok: true, name };
}
