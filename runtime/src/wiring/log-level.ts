/** The log level of a Lambda environment, read before any configuration exists. */
import type { LogLevel } from "../ports/logger.js";

const LEVELS: readonly string[] = ["debug", "info", "warn", "error"];

/** `LOG_LEVEL` when it is a level, else info (the Lambda shapes read it before any configuration exists). */
export const logLevelFrom = (env: Record<string, string | undefined>): LogLevel =>
  LEVELS.includes(env.LOG_LEVEL ?? "") ? (env.LOG_LEVEL as LogLevel) : "info";
