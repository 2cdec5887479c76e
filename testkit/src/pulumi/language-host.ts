/**
 * How Pulumi's Node.js language host (pulumi-language-nodejs v3.248,
 * sdk/nodejs/cmd/pulumi-language-nodejs/main.go) starts our code, so tests start it the same way and
 * cannot pass while the CLI fails:
 *
 * - `runtime.options` of Pulumi.yaml / PulumiPolicy.yaml: `typescript` (default true) only sets
 *   `PULUMI_NODEJS_TYPESCRIPT=true`; `nodeargs` is split like a shell line (google/shlex).
 * - A program (`RunRequest`): `node <nodeargs> <@pulumi/pulumi/cmd/run> --monitor … --pwd <dir> <entry>`,
 *   so nodeargs are Node's own options.
 * - A policy pack (`RunPlugin`, kind analyzer): `node <@pulumi/pulumi/cmd/run-policy-pack> <nodeargs>
 *   <engine address> <pack directory>` in the pack directory: nodeargs come AFTER the script, so Node never
 *   sees them (`--import tsx` is a script argument there). run-policy-pack then registers ts-node
 *   (always, unless on Bun) and `require()`s the pack directory, i.e. its package.json `main`.
 * - The host resolves both scripts with `node -e "require.resolve('<module>')"` run in the program's
 *   (or pack's) directory.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";

export interface NodeRuntime {
  /** `runtime` or `runtime.name`, e.g. "nodejs". */
  name: string;
  /** `runtime.options.typescript`; the host's default is true. */
  typescript: boolean;
  /** `runtime.options.nodeargs`, split as the host splits it. */
  nodeargs: string[];
}

export interface ProjectFile {
  /** `main` (Pulumi.yaml only); the host's default is the project directory. */
  main: string;
  runtime: NodeRuntime;
}

/** Splits a command line the way github.com/google/shlex does for `nodeargs`: blanks, quotes, backslashes, `#` comments. */
export function splitNodeargs(line: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const next = line[i + 1];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === "\\" && next !== undefined && /["\\$`\n]/.test(next)) word += line[++i];
      else word += c;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      [word, inWord] = ["", false];
    } else if (c === "#" && !inWord) {
      break;
    } else {
      inWord = true;
      if (c === "'" || c === '"') quote = c;
      else if (c === "\\" && next !== undefined) word += line[++i];
      else word += c;
    }
  }
  if (quote) throw new Error(`unterminated ${quote} in nodeargs: ${line}`);
  if (inWord) words.push(word);
  return words;
}

const unquote = (v: string) =>
  v
    .trim()
    .replace(/^"(.*)"$/, "$1")
    .replace(/^'(.*)'$/, "$1");

/**
 * The fields of a Pulumi.yaml or PulumiPolicy.yaml the language host acts on. A deliberately small
 * reader for our files (top-level scalars, the `runtime` block), so tests need no YAML dependency.
 */
export function parseProjectFile(text: string): ProjectFile {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/(^|\s)#.*$/, ""));
  const top = (key: string) => {
    const line = lines.find((l) => new RegExp(`^${key}:`).test(l));
    return line === undefined ? undefined : unquote(line.slice(key.length + 1));
  };
  const runtimeAt = lines.findIndex((l) => /^runtime:/.test(l));
  const block: string[] = [];
  for (let i = runtimeAt + 1; runtimeAt >= 0 && i < lines.length && !/^\S/.test(lines[i]!); i++) block.push(lines[i]!);
  const nested = (key: string) => {
    const line = block.find((l) => new RegExp(`^\\s+${key}:`).test(l));
    return line === undefined ? undefined : unquote(line.slice(line.indexOf(":") + 1));
  };
  const typescript = nested("typescript");
  if (typescript !== undefined && typescript !== "true" && typescript !== "false") {
    throw new Error("typescript option must be a boolean");
  }
  return {
    main: top("main") || ".",
    runtime: {
      name: top("runtime") || nested("name") || "",
      typescript: typescript !== "false",
      nodeargs: splitNodeargs(nested("nodeargs") ?? ""),
    },
  };
}

export function readProjectFile(file: string): ProjectFile {
  return parseProjectFile(readFileSync(file, "utf8"));
}

/** The host's `locateModule`: `require.resolve(module)` from the program's (or pack's) directory. */
export function locateModule(module: string, directory: string): string {
  return createRequire(path.join(directory, "noop.js")).resolve(module);
}

export interface Launch {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** What the stack configuration proxy adds to a policy pack's environment (only non-empty values). */
export interface PolicyPackStackConfig {
  project?: string;
  stack?: string;
  organization?: string;
  dryRun?: boolean;
  config?: Record<string, string>;
}

/**
 * `pulumi preview --policy-pack <dir>`: the command line, working directory and environment the host
 * gives the pack, from the pack's own PulumiPolicy.yaml.
 */
export function policyPackLaunch(packDir: string, engineAddress: string, stack: PolicyPackStackConfig = {}): Launch {
  const dir = path.resolve(packDir);
  const { runtime } = readProjectFile(path.join(dir, "PulumiPolicy.yaml"));
  if (runtime.name !== "nodejs") throw new Error(`${dir}/PulumiPolicy.yaml: runtime ${runtime.name} is not nodejs`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (runtime.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  const set = (key: string, value: string | undefined) => {
    if (value) env[key] = value;
  };
  set("PULUMI_NODEJS_ORGANIZATION", stack.organization);
  set("PULUMI_NODEJS_PROJECT", stack.project);
  set("PULUMI_NODEJS_STACK", stack.stack);
  if (stack.dryRun !== undefined) set("PULUMI_NODEJS_DRY_RUN", String(stack.dryRun));
  if (stack.config) set("PULUMI_CONFIG", JSON.stringify(stack.config));
  return {
    command: process.execPath,
    args: [locateModule("@pulumi/pulumi/cmd/run-policy-pack", dir), ...runtime.nodeargs, engineAddress, dir],
    cwd: dir,
    env,
  };
}
