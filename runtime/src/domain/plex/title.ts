/**
 * Title normalisation for the Plex title fallback (product.md §5.1 step 5): NFKD, drop combining
 * marks, case-fold, drop punctuation and symbols, collapse whitespace, strip a trailing "(yyyy)".
 * "AMÉLIE", "Amélie" and "Amelie (2001)" all normalise to "amelie".
 */

/** The suffix itself, matched against the last six characters only. */
const YEAR_SUFFIX = /^\((\d{4})\)$/;

/**
 * Splits "Bluey (2018)" into "Bluey" and 2018; titles without a suffix come back trimmed with a null year.
 * Linear on any input: trim first, then look at a fixed-size tail (a `\s*…$` pattern scanned from
 * every start position rescans each whitespace run, O(n²) on a title of spaces).
 */
export function splitYearSuffix(title: string): { title: string; year: number | null } {
  const trimmed = title.trim();
  const match = YEAR_SUFFIX.exec(trimmed.slice(-6));
  if (!match) return { title: trimmed, year: null };
  const stripped = trimmed.slice(0, -6).trim();
  // "(2018)" alone is a title, not a suffix.
  if (stripped === "") return { title: trimmed, year: null };
  return { title: stripped, year: Number(match[1]) };
}

export function normaliseTitle(title: string): string {
  return (
    splitYearSuffix(title)
      // Symbols go before NFKD too, so "™" does not decompose into the letters "TM".
      .title.replace(/\p{S}/gu, "")
      .normalize("NFKD")
      // toUpperCase→toLowerCase approximates full case folding ("ß" → "ss", "ﬀ" → "ff").
      .toUpperCase()
      .toLowerCase()
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(/[\p{P}\p{S}]/gu, "")
      .replace(/\s+/gu, " ")
      .trim()
  );
}
