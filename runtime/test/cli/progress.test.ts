import { describe, expect, it } from "vitest";
import { createProgress } from "../../src/cli/progress.js";

describe("createProgress", () => {
  it("plain mode prints at most one line per 5 % and always the last", () => {
    let out = "";
    const p = createProgress({ write: (s) => void (out += s) }, "X", 1000);
    for (let i = 1; i <= 1000; i++) p.update(i);
    p.finish("done");
    const lines = out.trim().split("\n");
    expect(lines.length).toBeLessThanOrEqual(22);
    expect(lines.at(-2)).toBe("X: 1000/1000 (100%)");
    expect(lines.at(-1)).toBe("X: done");
  });
  it("TTY mode redraws one line", () => {
    let out = "";
    const p = createProgress({ write: (s) => void (out += s), isTTY: true, columns: 80 }, "X", 4);
    p.update(2);
    expect(out).toBe("\r\x1b[2KX [###############---------------]  50% 2/4");
    p.finish("ok");
    expect(out.endsWith("\r\x1b[2KX: ok\n")).toBe(true);
  });
});
