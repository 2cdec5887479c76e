import type { Logger, LogLevel } from "@stellarr/runtime/internal/ports/logger";

export interface RecordingLogger extends Logger {
  lines: { level: LogLevel; msg: string; fields?: Record<string, unknown> }[];
}

/** Records log lines so tests can assert on them (e.g. that no secret is ever logged). */
export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger["lines"] = [];
  const at = (level: LogLevel) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, fields });
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
