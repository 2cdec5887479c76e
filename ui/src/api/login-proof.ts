/**
 * The login proof of product.md §3: key = hex(PBKDF2-HMAC-SHA256(password, salt = page origin,
 * iterations, 32 bytes)); proof = hex(SHA-256(key + ":" + challenge)). WebCrypto where the page is
 * a secure context; otherwise (plain-HTTP LAN access has no `crypto.subtle`) @noble/hashes, loaded
 * lazily so it never weighs on the first load.
 */
const encoder = new TextEncoder();

export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

type Subtle = Pick<SubtleCrypto, "importKey" | "deriveBits" | "digest">;

function subtle(): Subtle | null {
  return typeof crypto !== "undefined" && crypto.subtle ? crypto.subtle : null;
}

export async function deriveKeyHex(password: string, salt: string, iterations: number, impl: Subtle | null = subtle()): Promise<string> {
  if (impl) {
    const base = await impl.importKey("raw", encoder.encode(password), "PBKDF2", false, ["deriveBits"]);
    const bits = await impl.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: encoder.encode(salt), iterations }, base, 256);
    return toHex(new Uint8Array(bits));
  }
  const [{ pbkdf2Async }, { sha256 }] = await Promise.all([import("@noble/hashes/pbkdf2.js"), import("@noble/hashes/sha2.js")]);
  const key = await pbkdf2Async(sha256, encoder.encode(password), encoder.encode(salt), { c: iterations, dkLen: 32, asyncTick: 20 });
  return toHex(key);
}

export async function sha256Hex(text: string, impl: Subtle | null = subtle()): Promise<string> {
  if (impl) return toHex(new Uint8Array(await impl.digest("SHA-256", encoder.encode(text))));
  const { sha256 } = await import("@noble/hashes/sha2.js");
  return toHex(sha256(encoder.encode(text)));
}

export async function loginProof(
  input: { password: string; origin: string; iterations: number; challenge: string },
  impl: Subtle | null = subtle(),
): Promise<string> {
  const key = await deriveKeyHex(input.password, input.origin, input.iterations, impl);
  return sha256Hex(`${key}:${input.challenge}`, impl);
}
