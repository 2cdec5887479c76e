/** The notifier Lambda entry (`index.handler`): channel jobs the API function invokes asynchronously. The wiring is `wiring/lambda-notifier.ts`. */
import { createNotifierHandler } from "../wiring/lambda-notifier.js";

export { createNotifierHandler, type NotifierHandlerOptions, type NotifierResult } from "../wiring/lambda-notifier.js";

/** The notifier Lambda handler (`index.handler`). */
export const handler = createNotifierHandler({ env: process.env });
