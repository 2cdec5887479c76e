/**
 * Title normalisation for the Plex title fallback (product.md §5.1 step 5): NFKD, drop combining
 * marks, case-fold, drop punctuation and symbols, collapse whitespace, strip a trailing "(yyyy)".
 * "AMÉLIE", "Amélie" and "Amelie (2001)" all normalise to "amelie".
 */

const YEAR_SUFFIX = /\s*\((\d{4})\)\s*$/u;

/** Splits "Bluey (2018)" into "Bluey" and 2018; titles without a suffix come back unchanged with a null year. */
export function splitYearSuffix(title: string): { title: string; year: number | null } {
  const match = YEAR_SUFFIX.exec(title);
  if (!match) return { title: title.trim(), year: null };
  const stripped = title.slice(0, match.index).trim();
  // "(2018)" alone is a title, not a suffix.
  if (stripped === "") return { title: title.trim(), year: null };
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
