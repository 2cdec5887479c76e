/**
 * A deterministic measure of regular-expression work, so a test can prove that code handed hostile
 * input (a title with a 10,000-space run) stays linear without timing anything.
 *
 * The function runs in a child Node process where `RegExp.prototype.exec` — which `replace`,
 * `split`, `match`, `test` and `search` all call once the prototype is patched — repeats every
 * execution with V8's per-regexp backtrack limit (`%NewRegExpWithBacktrackLimit`, hence
 * `--allow-natives-syntax`) and finds by bisection the smallest limit that still gives the same
 * answer: the backtracks that execution needed. `--no-regexp-optimization` turns off irregexp's
 * greedy-loop shortcut, which otherwise rescans a `\s*` run without counting it, so the count follows
 * the real work. The measured copy of each expression also matches where the original finds nothing,
 * so a search that fails after a lot of work is counted too.
 */
import { spawn } from "node:child_process";
import { pathToFileURL } from "node:url";

const TSX_LOADER = import.meta.resolve("tsx");

const CHILD = String.raw`
const limited = new Function("p", "f", "l", "return %NewRegExpWithBacktrackLimit(p, f, l)");
const exec = RegExp.prototype.exec;
let backtracks = 0;
let inside = false;
const key = (m) => (m === null ? "null" : JSON.stringify([m.index, ...m]));
RegExp.prototype.exec = function (s) {
  if (inside) return exec.call(this, s);
  inside = true;
  try {
    const text = String(s);
    const start = this.lastIndex;
    const want = exec.call(this, text);
    const end = this.lastIndex;
    // The clone also matches where the original finds nothing (at the end of the input; at once
    // when sticky), so a search that fails after a lot of work still differs from a limit hit (null).
    const source = "(?:" + this.source + ")|" + (this.sticky ? "" : "(?![\\s\\S])");
    const run = (r) => {
      r.lastIndex = start;
      return key(exec.call(r, text));
    };
    const wanted = run(new RegExp(source, this.flags));
    const enough = (limit) => run(limited(source, this.flags, limit)) === wanted;
    if (!enough(1)) {
      let lo = 1;
      let hi = 2;
      while (!enough(hi)) [lo, hi] = [hi, hi * 2];
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (enough(mid)) hi = mid;
        else lo = mid;
      }
      backtracks += hi;
    }
    this.lastIndex = end;
    return want;
  } finally {
    inside = false;
  }
};
let input = "";
for await (const chunk of process.stdin) input += chunk;
const { module, name, calls } = JSON.parse(input);
const fn = (await import(module))[name];
const measured = [];
for (const args of calls) {
  backtracks = 0;
  const result = await fn(...args);
  measured.push({ backtracks, result: result instanceof Map ? Object.fromEntries(result) : result });
}
process.stdout.write(JSON.stringify(measured));
`;

export interface RegexWork {
  /** Backtracks all regular-expression executions of the call needed (see the module comment). */
  backtracks: number;
  /** The call's JSON-serialisable result (a Map becomes an object). */
  result: unknown;
}

/**
 * Calls `module[name](...args)` for each argument list in `calls`, in one child process (`module`
 * is an absolute path; TypeScript is fine), and measures the regex work of each call.
 */
export async function measureRegexWork<const Calls extends readonly unknown[][]>(
  module: string,
  name: string,
  calls: Calls,
): Promise<{ [K in keyof Calls]: RegexWork }> {
  const child = spawn(
    process.execPath,
    ["--allow-natives-syntax", "--no-regexp-optimization", "--import", TSX_LOADER, "--input-type=module", "-e", CHILD],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  child.stdin.end(JSON.stringify({ module: pathToFileURL(module).href, name, calls }));
  const code = await new Promise<number | null>((ok) => child.once("close", ok));
  if (code !== 0) throw new Error(`regex work probe exited with ${code}: ${err}`);
  return JSON.parse(out) as { [K in keyof Calls]: RegexWork };
}
