/**
 * Start-up faults of the embedded server, run as the real process: each ends with exit code 78
 * (configuration) or 1 (database) and exactly one line on stderr naming the variable or path —
 * never a stack trace, never a secret. Works as root too: "not writable" comes from a mount no one
 * may create files in, not from permission bits root ignores.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../src/adapters/store/sqlite/migrations.js";
import { ROOT, TSX_LOADER, inheritedEnv, startServerProcess, type ServerProcess } from "@stellarr/testkit/server-process";

const PASSWORD = "hunter2-never-printed";
const ENV = { PRESHARED_PASSWORD: "process test password", APP_SECRET_KEY: "process-test-secret-0123456789" };

/** Runs the entry until it exits (it must, within 30 s). */
async function runToExit(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", TSX_LOADER, join(ROOT, "runtime/src/entries/node.ts")], {
    cwd: tmpdir(),
    env: { ...inheritedEnv(), PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const code = await new Promise<number | null>((ok) => child.once("close", (c) => ok(c)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** Exactly one non-empty line, no stack frames. */
function oneLine(stderr: string): string {
  const lines = stderr.split("\n").filter((l) => l.trim() !== "");
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

describe("start-up faults", () => {
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  const tmp = async () => {
    const d = await mkdtemp(join(tmpdir(), "stellarr-start-"));
    dirs.push(d);
    return d;
  };
  afterEach(async () => {
    for (const s of servers.splice(0)) if (s.child.exitCode === null) await s.kill();
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  describe("secrets.json", () => {
    it.each([
      // Node's JSON error quotes the text around the fault, password included.
      ["a syntax error", `{\n  "PRESHARED_PASSWORD": "${PASSWORD}"\n  "APP_SECRET_KEY": "x"\n}\n`],
      // Used to start, regenerating the password into the array on every start. (Every other bad
      // shape is covered by config.test.ts.)
      ["an array", `["${PASSWORD}"]`],
    ])("with %s: exit 78, one line naming the file, no secret anywhere, the file untouched", async (_label, text) => {
      const dir = await tmp();
      const file = join(dir, "secrets.json");
      await writeFile(file, text, { mode: 0o600 });
      const run = await runToExit(dir);
      expect(run.code).toBe(78);
      const line = oneLine(run.stderr);
      expect(line).toContain(file);
      expect(run.stderr + run.stdout).not.toContain(PASSWORD);
      expect(await readFile(file, "utf8")).toBe(text);
      expect(await readdir(dir)).toEqual(["secrets.json"]);
    });

    it("narrows a file readable by others to 0600, warns naming it, and starts with its password", async () => {
      const dir = await tmp();
      const file = join(dir, "secrets.json");
      await writeFile(file, JSON.stringify({ PRESHARED_PASSWORD: PASSWORD }));
      await chmod(file, 0o644);
      const s = await startServerProcess({ dataDir: dir });
      servers.push(s);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const warning = s
        .output()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l))
        .find((l) => l.level === "warn" && l.file === file);
      expect(warning).toMatchObject({ mode: "644" });
      expect(s.output()).not.toContain(PASSWORD);
      expect(await s.stop()).toBe(0);
    });
  });

  it("WEBHOOK_TOKEN and PLEX_WEBHOOK_TOKEN with different values: exit 78, one line naming both, neither value", async () => {
    const run = await runToExit(await tmp(), { ...ENV, WEBHOOK_TOKEN: "new-token-value", PLEX_WEBHOOK_TOKEN: "old-token-value" });
    expect(run.code).toBe(78);
    const line = oneLine(run.stderr);
    expect(line).toMatch(/^Invalid configuration: WEBHOOK_TOKEN and PLEX_WEBHOOK_TOKEN/);
    expect(run.stderr + run.stdout).not.toMatch(/new-token-value|old-token-value/);
  });

  describe("DATA_DIR", () => {
    it("lies under a file: exit 78, one line naming it", async () => {
      const dir = await tmp();
      const dataDir = join(dir, "not-a-dir", "data");
      await writeFile(join(dir, "not-a-dir"), "x");
      const run = await runToExit(dataDir, ENV);
      expect(run.code).toBe(78);
      expect(oneLine(run.stderr)).toBe(`Invalid configuration: DATA_DIR ${dataDir} is not a directory (or lies under a file)`);
    });

    // sysfs refuses new files to everyone, root included (read-only in containers: EROFS).
    it.skipIf(!existsSync("/sys/kernel"))("is not writable: exit 78, one line naming it", async () => {
      const run = await runToExit("/sys/kernel", ENV);
      expect(run.code).toBe(78);
      expect(oneLine(run.stderr)).toMatch(/^Invalid configuration: DATA_DIR \/sys\/kernel is not writable \((EACCES|EROFS|EPERM)\)$/);
    });

    it.skipIf(process.getuid?.() === 0)("is not writable by this user (permission bits): exit 78", async () => {
      const dir = await tmp();
      const locked = join(dir, "locked");
      await mkdir(locked, { mode: 0o555 });
      const run = await runToExit(locked, ENV);
      expect(run.code).toBe(78);
      expect(oneLine(run.stderr)).toBe(`Invalid configuration: DATA_DIR ${locked} is not writable (EACCES)`);
    });
  });

  describe("the database", () => {
    it.each([
      ["a directory", async (path: string) => mkdir(path)],
      ["not a database", async (path: string) => writeFile(path, Buffer.alloc(8192, 7))],
    ])("that is %s: exit 1, one line naming the path", async (_label, make) => {
      const dir = await tmp();
      const db = join(dir, "stellarr.db");
      await make(db);
      const run = await runToExit(dir, ENV);
      expect(run.code).toBe(1);
      expect(oneLine(run.stderr)).toMatch(new RegExp(`^Cannot open the database ${db}: \\S.*$`));
    });

    it("from a newer version: refused in one line, its bytes unchanged, no -wal or -shm created", async () => {
      const dir = await tmp();
      const db = join(dir, "stellarr.db");
      const made = new Database(db);
      made.exec("CREATE TABLE future (x INTEGER); INSERT INTO future VALUES (1);");
      made.pragma(`user_version = ${MIGRATIONS.length + 1}`);
      made.close();
      const hash = async () =>
        createHash("sha256")
          .update(await readFile(db))
          .digest("hex");
      const before = await hash();
      const run = await runToExit(dir, ENV);
      expect(run.code).toBe(1);
      expect(oneLine(run.stderr)).toBe(
        `Cannot open the database ${db}: Database schema version ${MIGRATIONS.length + 1} is newer than this Stellarr knows (${MIGRATIONS.length}); refusing to start. Upgrade Stellarr.`,
      );
      expect(await hash()).toBe(before);
      expect(existsSync(`${db}-wal`)).toBe(false);
      expect(existsSync(`${db}-shm`)).toBe(false);
      expect(existsSync(`${db}-journal`)).toBe(false);
    });
  });
});
