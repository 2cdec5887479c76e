/** The warmer Lambda entry (`index.handler`): trending files and external ids, daily. The wiring is `wiring/lambda-warmer.ts`. */
import { createWarmerHandler } from "../wiring/lambda-warmer.js";

export { createWarmerHandler, type WarmerHandlerOptions, type WarmerResult } from "../wiring/lambda-warmer.js";

/** The warmer Lambda handler (`index.handler`). */
export const handler = createWarmerHandler({ env: process.env });
