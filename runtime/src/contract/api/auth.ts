/** Login (product.md §3): `GET /api/auth/params`, `POST /api/auth/verify`. */
import * as z from "zod/mini";

/** `POST /api/auth/verify` body. */
export const VerifyBody = z.object({
  origin: z.string(),
  challenge: z.string(),
  hash: z.string(),
  name: z.string(),
});
export type VerifyRequest = z.input<typeof VerifyBody>;

/** `GET /api/auth/params`. */
export const AuthParams = z.object({
  iterations: z.int(),
  challenge: z.string(),
  expires_in: z.int(),
});
export type AuthParams = z.output<typeof AuthParams>;

export const VerifyResponse = z.object({
  valid: z.literal(true),
  token: z.string(),
  name: z.string(),
});
export type VerifyResponse = z.output<typeof VerifyResponse>;
