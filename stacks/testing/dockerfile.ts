/** A small Dockerfile reader for lint tests: instructions grouped by build stage. */

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}
export interface Stage {
  name: string | undefined;
  from: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): { args: Instruction[]; stages: Stage[] } {
  const logical: { text: string; line: number }[] = [];
  let buffer = "";
  let start = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trimEnd();
    if (!buffer && (/^\s*#/.test(line) || !line.trim())) return;
    if (buffer && /^\s*#/.test(line)) return; // comments inside continuations
    if (!buffer) start = i + 1;
    if (line.endsWith("\\")) {
      buffer += `${line.slice(0, -1)} `;
      return;
    }
    logical.push({ text: (buffer + line).trim(), line: start });
    buffer = "";
  });
  const args: Instruction[] = [];
  const stages: Stage[] = [];
  for (const { text: l, line } of logical) {
    const m = /^(\w+)\s+([\s\S]*)$/.exec(l);
    if (!m) throw new Error(`line ${line}: cannot parse "${l}"`);
    const ins = { keyword: m[1]!.toUpperCase(), args: m[2]!.trim(), line };
    if (ins.keyword === "FROM") {
      const f = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      if (!f) throw new Error(`line ${line}: bad FROM`);
      stages.push({ from: f[1]!, name: f[2], instructions: [] });
    } else if (stages.length === 0) {
      args.push(ins);
    } else {
      stages[stages.length - 1]!.instructions.push(ins);
    }
  }
  return { args, stages };
}

/** `["a", "b"]` exec form → array; shell form → null. */
export function execForm(args: string): string[] | null {
  const json = args.replace(/^--\S+\s+/g, "").trim();
  if (!json.startsWith("[")) return null;
  return JSON.parse(json) as string[];
}

/** `KEY=value` pairs of ENV/ARG instructions (both `K=V K2=V2` and legacy `K V`). */
export function keyValues(args: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!args.includes("=")) {
    const [k, ...rest] = args.split(/\s+/);
    out[k!] = rest.join(" ");
    return out;
  }
  for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|\S*)/g)) out[m[1]!] = m[3] ?? m[2]!;
  return out;
}

/** HEALTHCHECK options and command. */
export function healthcheck(args: string): { options: Record<string, string>; command: string[] | null } {
  const options: Record<string, string> = {};
  let rest = args;
  for (;;) {
    const m = /^--([a-z-]+)=(\S+)\s+/.exec(rest);
    if (!m) break;
    options[m[1]!] = m[2]!;
    rest = rest.slice(m[0].length);
  }
  const cmd = /^CMD\s+([\s\S]+)$/.exec(rest);
  return { options, command: cmd ? execForm(cmd[1]!) : null };
}

/** Whether `.dockerignore` keeps `file` out of the context (last matching pattern wins; `**` supported). */
export function dockerIgnored(patterns: string[], file: string): boolean {
  let ignored = false;
  for (const raw of patterns) {
    const negate = raw.startsWith("!");
    const p = (negate ? raw.slice(1) : raw).replace(/^\/+/, "");
    const re = new RegExp(
      `^${p
        .split("/")
        .map((seg) =>
          seg === "**"
            ? "(?:.*)"
            : seg
                .replace(/[.+^${}()|[\]\\]/g, "\\$&")
                .replace(/\*/g, "[^/]*")
                .replace(/\?/g, "[^/]"),
        )
        .join("/")
        .replace(/\(\?:\.\*\)\//g, "(?:.*/)?")}(?:/.*)?$`,
    );
    if (re.test(file)) ignored = !negate;
  }
  return ignored;
}

export function readDockerignore(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}

const SECRETISH = /(SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|PRIVATE_KEY|CREDENTIAL)/i;

/** Lint rules for the runtime image; returns violations (empty = compliant). */
export function dockerfileViolations(
  text: string,
  opts: { secretNames: readonly string[]; contextHas: (src: string) => boolean },
): string[] {
  const v: string[] = [];
  const { args, stages } = parseDockerfile(text);
  if (stages.length < 2) v.push("not a multi-stage build");
  const final = stages[stages.length - 1];
  if (!final) return [...v, "no stage"];
  const names = new Set(stages.map((s) => s.name).filter(Boolean));

  for (const ins of [...args, ...stages.flatMap((s) => s.instructions)]) {
    if (ins.keyword === "ENV" || ins.keyword === "ARG") {
      for (const key of Object.keys(keyValues(ins.args))) {
        if (opts.secretNames.includes(key) || SECRETISH.test(key))
          v.push(`line ${ins.line}: ${ins.keyword} ${key} bakes a secret into the image`);
      }
    }
    if (ins.keyword === "COPY" || ins.keyword === "ADD") {
      const from = /--from=(\S+)/.exec(ins.args)?.[1];
      const parts = ins.args.replace(/--\S+/g, "").trim().split(/\s+/);
      const sources = parts.slice(0, -1);
      if (ins.keyword === "ADD") v.push(`line ${ins.line}: ADD (use COPY)`);
      if (from !== undefined) {
        if (!names.has(from)) v.push(`line ${ins.line}: COPY --from=${from} names no stage`);
      } else {
        for (const src of sources) {
          if (src === "." || src === "./") v.push(`line ${ins.line}: copies the whole context`);
          else if (!opts.contextHas(src)) v.push(`line ${ins.line}: ${src} is not in the build context`);
        }
      }
    }
    if (ins.keyword === "RUN" && /\b(curl|wget)\b[^|]*\|\s*(sh|bash)/.test(ins.args))
      v.push(`line ${ins.line}: pipes a download into a shell`);
  }

  const kw = (k: string) => final.instructions.filter((i) => i.keyword === k);
  const users = kw("USER");
  const lastUser = users[users.length - 1];
  if (!lastUser) v.push("final stage runs as root (no USER)");
  else {
    if (/^(root|0)(:|$)/.test(lastUser.args)) v.push("final stage runs as root");
    const lastRun = kw("RUN").pop();
    if (lastRun && lastRun.line > lastUser.line) v.push("RUN after USER in the final stage");
  }
  const hc = kw("HEALTHCHECK").pop();
  if (!hc) v.push("no HEALTHCHECK");
  else {
    const { command } = healthcheck(hc.args);
    if (!command) v.push("HEALTHCHECK is not in exec form");
    else if (command.some((c) => /\b(curl|wget)\b/.test(c))) v.push("HEALTHCHECK needs curl/wget, which the image lacks");
  }
  const cmd = kw("CMD").pop();
  if (!cmd || !execForm(cmd.args)) v.push("CMD missing or not in exec form (signals would go to a shell)");
  if (kw("RUN").some((r) => /apt-get install|apk add/.test(r.args)))
    v.push("final stage installs OS packages (keep build tools in build stages)");
  return v;
}
