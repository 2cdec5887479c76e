/**
 * AWS Lambda API entry (`index.handler`, Function URL payload 2.0); the wiring is `wiring/lambda-api.ts`.
 *
 * The secret's read goes out first (wiring/lambda-secret-read.ts, a small part of the bundle); the
 * wiring — the app, most of the bundle — is imported after it, so compiling and evaluating it
 * overlaps with the round trip instead of preceding it. (A static import would not do: a module
 * graph is compiled whole before any of it runs, and the request leaves only when the event loop
 * turns, which a dynamic import's file reads let it do.)
 *
 * Nothing reachable from here may import better-sqlite3, the Node server or classic zod: the build
 * (build/bundle.ts) fails when its metafile shows them.
 */
import { startSecretRead } from "../wiring/lambda-secret-read.js";

const firstSecretRead = startSecretRead(process.env);
const { preparedLambdaHandler } = await import("../wiring/lambda-api.js");

/** The Lambda handler (`index.handler`), prepared during the init phase (top-level await). */
export const handler = await preparedLambdaHandler(process.env, firstSecretRead);
