import { createHash, pbkdf2Sync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loginProof } from "./login-proof.js";

// The expected values come from Node's own crypto, independent of both browser code paths.
function expected(password: string, origin: string, iterations: number, challenge: string): string {
  const key = pbkdf2Sync(password, origin, iterations, 32, "sha256").toString("hex");
  return createHash("sha256").update(`${key}:${challenge}`).digest("hex");
}

const input = { password: "pässwörd", origin: "http://192.168.1.20:8080", iterations: 1000, challenge: "1767000000.abc.def" };

describe("login proof", () => {
  it("matches PBKDF2/SHA-256 with WebCrypto", async () => {
    expect(await loginProof(input, globalThis.crypto.subtle)).toBe(
      expected(input.password, input.origin, input.iterations, input.challenge),
    );
  });

  it("matches with the JavaScript fallback used on plain-HTTP LAN pages", async () => {
    expect(await loginProof(input, null)).toBe(expected(input.password, input.origin, input.iterations, input.challenge));
  });
});
