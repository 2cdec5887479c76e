/** A logger that drops everything (tests, and callers that must not log). */
import type { Logger } from "../../ports/logger.js";

export const nullLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
