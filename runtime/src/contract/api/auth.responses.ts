/**
 * The answers of `GET /api/auth/params` and `POST /api/auth/verify` (product.md §3). The server
 * never parses them: run-time code uses their types (re-exported by `auth.ts`); only the OpenAPI
 * description and tests build them. They live apart from the request schemas so a cold start does
 * not construct them at load.
 */
import * as z from "zod/mini";

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
