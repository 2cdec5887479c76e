/**
 * AWS Lambda API entry (`index.handler`, Function URL payload 2.0); the wiring is `wiring/lambda-api.ts`.
 *
 * Nothing reachable from here may import better-sqlite3, the Node server or classic zod: the build
 * (build/bundle.ts) fails when its metafile shows them.
 */
import { preparedLambdaHandler } from "../wiring/lambda-api.js";

export {
  createLambdaHandler,
  type FunctionUrlEvent,
  type FunctionUrlResult,
  type LambdaHandler,
  type LambdaHandlerOptions,
} from "../wiring/lambda-api.js";

/** The Lambda handler (`index.handler`), prepared during the init phase (top-level await). */
export const handler = await preparedLambdaHandler(process.env);
