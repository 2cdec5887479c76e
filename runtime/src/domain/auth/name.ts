/** Display names (product.md §3): NFC, trimmed, 1–50 code points, no control characters. */
export type NameCheck = { ok: true; name: string } | { ok: false; message: string };

export function normaliseName(raw: string): NameCheck {
  const name = raw.normalize("NFC").trim();
  const length = [...name].length;
  if (length < 1 || length > 50) return { ok: false, message: "Name must be 1 to 50 characters" };
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(name)) return { ok: false, message: "Name must not contain control characters" };
  return { ok: true, name };
}
