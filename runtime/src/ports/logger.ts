/** JSON-lines logger port: one object per line, never query strings or secrets. */
export type LogLevel = "debug" | "info" | "warn" | "error";

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export const nullLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** What a log line (or a CLI message) says of a thrown value: its message, never its stack. */
export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));
