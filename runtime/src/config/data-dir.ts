/**
 * `DATA_DIR` and the secrets generated into it (product.md §2), checked so a bad directory or a
 * hand-edited `secrets.json` stops the start with one line naming the path — never a stack trace,
 * and never the file's content (a JSON syntax error's message quotes the text around it, password
 * included, so it is not passed on).
 */
import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "./parse.js";

const code = (err: unknown): string => ((err as NodeJS.ErrnoException)?.code as string | undefined) ?? "error";

/** Creates `DATA_DIR` when missing and proves it is a directory this process can create files in. */
export function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const c = code(err);
    throw new ConfigError([
      c === "EEXIST" || c === "ENOTDIR"
        ? `DATA_DIR ${dir} is not a directory (or lies under a file)`
        : `DATA_DIR ${dir} cannot be created (${c})`,
    ]);
  }
  // Permission bits say nothing for root, and nothing about read-only mounts: try it.
  const probe = join(dir, `.write-test-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    closeSync(openSync(probe, "wx", 0o600));
    unlinkSync(probe);
  } catch (err) {
    throw new ConfigError([`DATA_DIR ${dir} is not writable (${code(err)})`]);
  }
}

export interface StoredSecrets {
  values: Record<string, string>;
  /** Set when the file allowed more than 0600: its old mode (octal) and whether it is now 0600. */
  looseMode: { was: string; tightened: boolean } | null;
}

/** Reads `secrets.json`: absent → empty; anything but a JSON object of strings → `ConfigError`. */
export function readSecretsFile(path: string): StoredSecrets {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if (code(err) === "ENOENT") return { values: {}, looseMode: null };
    throw new ConfigError([`${path} cannot be read (${code(err)})`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError([`${path} is not valid JSON; fix it, or remove it to generate new secrets`]);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== "string")) {
    throw new ConfigError([`${path} must hold one JSON object whose values are all strings; fix it, or remove it to generate new secrets`]);
  }
  return { values: parsed as Record<string, string>, looseMode: tighten(path) };
}

/** Narrows a secrets file that allows more than 0600 (e.g. readable by others) to 0600. */
function tighten(path: string): StoredSecrets["looseMode"] {
  const mode = statSync(path).mode & 0o777;
  if ((mode & ~0o600) === 0) return null;
  try {
    chmodSync(path, 0o600);
    return { was: mode.toString(8), tightened: true };
  } catch {
    // E.g. a read-only mount of someone else's file: the entry warns, naming the file.
    return { was: mode.toString(8), tightened: false };
  }
}

/** Writes `secrets.json` with mode 0600, atomically: a crash mid-write leaves the old file (or none). */
export function writeSecretsFile(path: string, values: Record<string, string>): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify(values, null, 2) + "\n", { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new ConfigError([`${path} cannot be written (${code(err)})`]);
  }
}
