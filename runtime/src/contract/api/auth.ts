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
export interface AuthParams {
  iterations: number;
  challenge: string;
  expires_in: number;
}

export interface VerifyResponse {
  valid: true;
  token: string;
  name: string;
}
