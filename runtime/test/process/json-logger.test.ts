/**
 * The embedded server's buffered JSON logger: one write per event-loop turn instead of one blocking
 * write per line, in order, and nothing lost when the process exits (process.exit, SIGTERM).
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { createBufferedJsonLogger, createJsonLogger } from "../../src/adapters/log/json-logger.js";
import { ROOT, TSX_LOADER, startServerProcess } from "../support/server-process.js";

const lines = (chunks: string[]) =>
  chunks
    .join("")
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("buffered JSON logger", () => {
  it("writes the lines of one turn together, in order, on the next turn", async () => {
    const writes: string[] = [];
    const logger = createBufferedJsonLogger("info", (c) => writes.push(c));
    logger.info("a", { n: 1 });
    logger.debug("filtered");
    logger.info("b", { n: 2 });
    expect(writes).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(writes).toHaveLength(1);
    expect(lines(writes).map((l) => [l.level, l.msg, l.n])).toEqual([
      ["info", "a", 1],
      ["info", "b", 2],
    ]);
    logger.flush();
    expect(writes).toHaveLength(1);
  });

  it("writes warnings and errors at once, after what was buffered before them", () => {
    const writes: string[] = [];
    const logger = createBufferedJsonLogger("info", (c) => writes.push(c));
    logger.info("first");
    logger.error("boom", { error: "x" });
    expect(writes).toHaveLength(1);
    expect(lines(writes).map((l) => l.msg)).toEqual(["first", "boom"]);
  });

  it("writes at once past its buffer size", () => {
    const writes: string[] = [];
    const logger = createBufferedJsonLogger("info", (c) => writes.push(c), 1000);
    for (let i = 0; i < 30; i++) logger.info("line", { i });
    expect(writes.length).toBeGreaterThan(0);
    logger.flush();
    expect(lines(writes).map((l) => l.i)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it("loses nothing when the process exits in the same turn", () => {
    const url = pathToFileURL(join(ROOT, "runtime/src/adapters/log/json-logger.ts")).href;
    const out = execFileSync(
      process.execPath,
      [
        "--import",
        TSX_LOADER,
        "--input-type=module",
        "-e",
        `const { createBufferedJsonLogger } = await import(${JSON.stringify(url)});
         const log = createBufferedJsonLogger("info");
         for (let i = 0; i < 2000; i++) log.info("line", { i });
         process.exit(0);`,
      ],
      { encoding: "utf8" },
    );
    expect(lines([out]).map((l) => l.i)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
  });

  it("the unbuffered logger (Lambda) writes each line as it is logged", () => {
    const writes: string[] = [];
    const logger = createJsonLogger("warn", (c) => writes.push(c));
    logger.info("no");
    logger.warn("yes");
    expect(lines(writes).map((l) => l.msg)).toEqual(["yes"]);
  });

  it("the server's last lines reach stdout when it stops on SIGTERM", async () => {
    const dir = await mkdtemp(join(tmpdir(), "stellarr-log-"));
    try {
      const s = await startServerProcess({ dataDir: dir, env: { LOG_LEVEL: "info", PRESHARED_PASSWORD: "log test password" } });
      for (let i = 0; i < 3; i++) await (await fetch(`${s.url}/api/health?i=${i}`)).text();
      expect(await s.stop()).toBe(0);
      const logged = s
        .output()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(logged.filter((l) => l.msg === "request" && l.path === "/api/health").length).toBeGreaterThanOrEqual(3);
      expect(logged.at(-2)).toMatchObject({ msg: "shutting down", signal: "SIGTERM" });
      expect(logged.at(-1)).toMatchObject({ msg: "stopped" });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
