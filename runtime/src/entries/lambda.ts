/**
 * AWS Lambda API entry (`index.handler`, Function URL payload 2.0); the wiring is `wiring/lambda-api.ts`.
 *
 * Nothing reachable from here may import better-sqlite3, the Node server or classic zod: the build
 * (build/bundle.ts) fails when its metafile shows them.
 */
import { createLambdaHandler } from "../wiring/lambda-api.js";

export { createLambdaHandler, type FunctionUrlEvent, type FunctionUrlResult, type LambdaHandlerOptions } from "../wiring/lambda-api.js";

/** The Lambda handler (`index.handler`). */
export const handler = createLambdaHandler({ env: process.env });
