/**
 * Reads a `Pulumi.<stack>.yaml` file's `config:` map. Our stack files hold flat scalars only (secrets
 * are set with `pulumi config set --secret`, which writes `secure:` entries: those are reported as
 * present but unreadable). A deliberately small parser, so tests need no YAML dependency.
 */
import { readFileSync } from "node:fs";

export interface StackConfigFile {
  values: Record<string, string>;
  /** Keys stored encrypted (`secure:`): present, but only the Pulumi CLI can read them. */
  encrypted: string[];
}

export function parseStackConfig(text: string): StackConfigFile {
  const values: Record<string, string> = {};
  const encrypted: string[] = [];
  let inConfig = false;
  let pendingKey: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, "").replace(/^\s*#.*$/, "");
    if (!line.trim()) continue;
    if (/^\S/.test(line)) {
      inConfig = line.trim() === "config:";
      pendingKey = undefined;
      continue;
    }
    if (!inConfig) continue;
    const nested = /^\s{3,}secure:\s*(\S+)\s*$/.exec(line);
    if (nested && pendingKey) {
      encrypted.push(pendingKey);
      pendingKey = undefined;
      continue;
    }
    const m = /^\s{1,2}([A-Za-z0-9_-]+:[A-Za-z0-9_.-]+):\s*(.*)$/.exec(line);
    if (!m) throw new Error(`unsupported line in stack config: ${raw.trim()}`);
    const [, key, rawValue = ""] = m;
    if (rawValue === "") {
      pendingKey = key;
      continue;
    }
    values[key!] = unquote(rawValue.trim());
  }
  return { values, encrypted };
}

function unquote(v: string): string {
  if (v.startsWith('"') && v.endsWith('"')) return JSON.parse(v) as string;
  if (v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  return v;
}

export function readStackConfig(file: string): StackConfigFile {
  return parseStackConfig(readFileSync(file, "utf8"));
}
