/**
 * `stellarr import-original` as a command: usage errors exit 2, failures exit 1 with one line on
 * stderr and no secret, `--help` exits 0; AWS credentials and region from a shared profile.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeOriginalSqlite } from "@stellarr/testkit/original/sqlite";
import { createSqliteStore } from "../../src/adapters/store/sqlite/index.js";
import { main } from "../../src/cli/stellarr.js";
import { dynaliteEndpoint, TEST_CREDENTIALS } from "../support/dynalite.js";
import { createBench, type Bench } from "./support.js";

const SECRET = TEST_CREDENTIALS.secretAccessKey;

async function cli(args: string[], opts: { env?: Record<string, string>; cwd: string; fetch?: typeof fetch; tty?: boolean }) {
  let stdout = "";
  let stderr = "";
  const code = await main(["import-original", ...args], {
    stdout: { write: (s: string) => void (stdout += s), isTTY: opts.tty ?? false, columns: 100 },
    stderr: { write: (s: string) => void (stderr += s) },
    env: opts.env ?? {},
    fetch: opts.fetch ?? globalThis.fetch,
    cwd: opts.cwd,
  });
  return { code, stdout, stderr };
}

describe("stellarr import-original: usage and failures", () => {
  let dir: string;
  let original: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "stellarr-import-cli-"));
    original = join(dir, "original.db");
    writeOriginalSqlite(original);
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it("--help prints the usage and exits 0", async () => {
    const r = await cli(["--help"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: stellarr import-original (--sqlite PATH | --dynamodb-table NAME)");
    let usage = "";
    expect(
      await main(["--help"], { stdout: { write: (s: string) => void (usage += s) }, stderr: { write: () => {} }, env: {}, fetch }),
    ).toBe(0);
    expect(usage).toContain("import-original   import the original Stellarr's data");
  });

  it("draws a progress bar per phase on a terminal, and none in a log for a small import", async () => {
    const tty = await cli(["--sqlite", original, "--data-dir", join(dir, "tty")], { cwd: dir, tty: true });
    expect(tty.code).toBe(0);
    for (const phase of ["Reading", "Checking", "Writing"])
      expect(tty.stdout).toMatch(new RegExp(`\\r\\x1b\\[2K${phase} \\[#+\\] 100% \\d+/\\d+`));
    const log = await cli(["--sqlite", original, "--data-dir", join(dir, "log")], { cwd: dir });
    expect(log.stdout).not.toContain("Reading:");
    expect(log.stdout).not.toContain("\r");
  });

  it.each([
    [[], "exactly one of --sqlite PATH or --dynamodb-table NAME"],
    [["--sqlite", "a.db", "--dynamodb-table", "t"], "exactly one of"],
    [["--sqlite", "missing.db"], "no such file"],
    [["--sqlite", "ORIGINAL", "--endpoint", "http://127.0.0.1:1"], "--endpoint and --region go with --dynamodb-table"],
    [["--dynamodb-table", "t", "--endpoint", "ftp://x"], "--endpoint must be an http(s) URL"],
    [["--sqlite", "ORIGINAL", "--to-endpoint", "http://127.0.0.1:1"], "--to-endpoint and --to-region go with --to-dynamodb-table"],
    [["--sqlite", "ORIGINAL", "--to-dynamodb-table", "t", "--data-dir", "d"], "two different targets"],
    [["--dynamodb-table", "t", "--to-dynamodb-table", "t"], "name the same table"],
    [["--sqlite", "ORIGINAL", "--bogus"], "Unknown option '--bogus'"],
  ])("usage error %j → exit 2", async (args, message) => {
    const r = await cli(
      args.map((a) => (a === "ORIGINAL" ? original : a)),
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain("(see stellarr import-original --help)");
  });

  it("without a region (flag, AWS_REGION, profile) for a table on AWS → exit 2", async () => {
    const env = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: SECRET, HOME: dir };
    const r = await cli(["--sqlite", original, "--to-dynamodb-table", "t"], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no AWS region: give --to-region or set AWS_REGION");
    expect(r.stderr).not.toContain(SECRET);
  });

  it("refuses to import the original's file into itself (the default DATA_DIR holds a stellarr.db too)", async () => {
    mkdirSync(join(dir, "data"));
    writeOriginalSqlite(join(dir, "data", "stellarr.db"));
    const r = await cli(["--sqlite", "data/stellarr.db"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is this Stellarr's database path");
    // DATA_DIR from .env moves the target away: then it imports.
    writeFileSync(join(dir, ".env"), "DATA_DIR=./new-data\n");
    const ok = await cli(["--sqlite", "data/stellarr.db"], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(join(dir, "new-data", "stellarr.db"));
  });

  it("exits 1 with one line when the source is not the original's database", async () => {
    const garbage = join(dir, "garbage.db");
    writeFileSync(garbage, "this is not a database, just text ".repeat(100));
    const notDb = await cli(["--sqlite", garbage, "--data-dir", join(dir, "d1")], { cwd: dir });
    expect(notDb.code).toBe(1);
    expect(notDb.stderr).toMatch(/^error: cannot read the original's data: file is not a database\n$/);

    const ours = join(dir, "ours", "stellarr.db");
    await createSqliteStore({ path: ours }).close();
    const wrong = await cli(["--sqlite", ours, "--data-dir", join(dir, "d2")], { cwd: dir });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(`error: cannot read the original's data: ${ours} is a database of this Stellarr, not of the original\n`);
  });

  it("a dry run refuses a database of an older schema instead of upgrading it (exit 1)", async () => {
    const data = join(dir, "old");
    mkdirSync(data);
    new Database(join(data, "stellarr.db")).exec("CREATE TABLE x (y)");
    const r = await cli(["--sqlite", original, "--data-dir", data, "--dry-run"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("has schema version 0, this Stellarr uses");
  });

  it("exits 1 without the secret when a DynamoDB table is missing or unreachable", async () => {
    const endpoint = await dynaliteEndpoint();
    const env = { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: "us-east-1" };
    const source = await cli(["--dynamodb-table", `missing-${randomUUID()}`, "--endpoint", endpoint, "--data-dir", join(dir, "d")], {
      cwd: dir,
      env,
    });
    expect(source.code).toBe(1);
    expect(source.stderr).toMatch(/^error: cannot read the original's data: DynamoDB ResourceNotFoundException\n$/);

    const target = await cli(["--sqlite", original, "--to-dynamodb-table", `missing-${randomUUID()}`, "--to-endpoint", endpoint], {
      cwd: dir,
      env,
    });
    expect(target.code).toBe(1);
    expect(target.stderr).toMatch(/^error: cannot use this Stellarr's store: DynamoDB ResourceNotFoundException\n$/);

    const down = await cli(["--sqlite", original, "--to-dynamodb-table", "t", "--to-endpoint", "http://127.0.0.1:9"], { cwd: dir, env });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^error: cannot use this Stellarr's store: DynamoDB is unreachable\n$/);
    for (const r of [source, target, down]) expect(r.stdout + r.stderr).not.toContain(SECRET);
  });
});

describe("stellarr import-original: AWS credentials and region from a shared profile", () => {
  let bench: Bench;
  beforeEach(async () => {
    bench = await createBench("dynamodb", "dynamodb");
  });
  afterEach(async () => bench.cleanup());

  it("signs with the profile's keys in the profile's region when AWS_PROFILE names one", async () => {
    const credentials = join(bench.cwd, "aws-credentials");
    const config = join(bench.cwd, "aws-config");
    writeFileSync(
      credentials,
      "[default]\naws_access_key_id = AKIADEFAULTEXAMPLE\naws_secret_access_key = default-secret\n\n[original]\naws_access_key_id = AKIAPROFILEEXAMPLE\naws_secret_access_key = profile-secret-value\n",
    );
    writeFileSync(config, "[default]\nregion = us-west-2\n\n[profile original]\nregion = eu-west-3\n");
    bench.env = { AWS_PROFILE: "original", AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: config };
    const run = await bench.run();
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(bench.calls.length).toBeGreaterThan(3);
    for (const call of bench.calls)
      expect(call.authorization).toMatch(/Credential=AKIAPROFILEEXAMPLE\/\d{8}\/eu-west-3\/dynamodb\/aws4_request/);
    expect(run.stdout).not.toContain("profile-secret-value");
  });
});
