/**
 * Login (product.md §3): `GET /api/auth/params`, `POST /api/auth/verify` — what the server parses.
 * The answers' schemas are in `auth.responses.ts`, which a cold start does not load (their types are
 * re-exported here).
 */
import * as z from "zod/mini";

export type { AuthParams, VerifyResponse } from "./auth.responses.js";

/** `POST /api/auth/verify` body. */
export const VerifyBody = z.object({
  origin: z.string(),
  challenge: z.string(),
  hash: z.string(),
  name: z.string(),
});
export type VerifyRequest = z.input<typeof VerifyBody>;
