/**
 * Title matching for the offline catalogues (demo catalogue, TMDB fake): case- and
 * accent-insensitive word-prefix match. "amelie" finds "Amélie", "tiger" finds "Crouching Tiger,
 * Hidden Dragon", "臥虎" finds "臥虎藏龍" (scripts without spaces match inside a word).
 */

/** Lower-case, accents stripped, NFKC-compatible (so "ﬁ" → "fi", full-width digits → ASCII). */
export function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[æ]/g, "ae")
    .replace(/[œ]/g, "oe")
    .replace(/ß/g, "ss")
    .replace(/[ø]/g, "o")
    .replace(/[ł]/g, "l")
    .replace(/[đð]/g, "d");
}

/** Words of a text after folding; apostrophes join ("don't" → "dont"), other punctuation splits. */
export function words(text: string): string[] {
  return fold(text)
    .replace(/['’`]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const SPACELESS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

/** Pre-computes a matcher for a query; every query word must start a word of the haystack. */
export function queryMatcher(query: string): ((haystacks: (string | null | undefined)[]) => boolean) | null {
  const qs = words(query);
  if (qs.length === 0) return null;
  return (haystacks) => {
    const ws = haystacks.flatMap((h) => (h ? words(h) : []));
    return qs.every((q) => ws.some((w) => w.startsWith(q) || (SPACELESS.test(q) && w.includes(q))));
  };
}
