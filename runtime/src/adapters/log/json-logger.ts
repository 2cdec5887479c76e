/** JSON-lines logger: one object per line to a writable (stdout by default), filtered by level. */
import type { Logger, LogLevel } from "../../ports/logger.js";

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const stdout = (chunk: string): void => void process.stdout.write(chunk);

function lineWriter(level: LogLevel, emit: (line: string, lvl: LogLevel) => void): Logger {
  const at =
    (lvl: LogLevel) =>
    (msg: string, fields?: Record<string, unknown>): void => {
      if (ORDER[lvl] < ORDER[level]) return;
      emit(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }) + "\n", lvl);
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** Writes each line as it is logged: for Lambda, where nothing may wait past the invocation. */
export function createJsonLogger(level: LogLevel, write: (line: string) => void = stdout): Logger {
  return lineWriter(level, (line) => write(line));
}

export interface BufferedLogger extends Logger {
  /** Writes what is buffered now. */
  flush(): void;
}

/**
 * For the long-running server: stdout to a pipe or file is a blocking write on Linux, one per line
 * (one per request at `info`). Lines are gathered and written once per event-loop turn, at once
 * past `maxBytes`, and warnings and errors at once. The process's `exit` (SIGTERM's graceful stop
 * ends in process.exit, and so do crashes) writes what is left, so the last lines are never lost.
 */
export function createBufferedJsonLogger(level: LogLevel, write: (chunk: string) => void = stdout, maxBytes = 64 * 1024): BufferedLogger {
  let pending = "";
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending === "") return;
    const chunk = pending;
    pending = "";
    write(chunk);
  };
  process.on("exit", flush);
  const logger = lineWriter(level, (line, lvl) => {
    pending += line;
    if (pending.length >= maxBytes || ORDER[lvl] >= ORDER.warn) flush();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flush).unref();
    }
  });
  return { ...logger, flush };
}
