#!/usr/bin/env node
// `npm test`: build what the tests exercise (UI, Lambda and Node bundles), type-check, lint (the
// layer and workspace boundaries are lint rules), then run every vitest project. Ends with a plain
// "N passed, N failed, N skipped" line.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";

const run = (label, cmd, args) => {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  if (r.status !== 0) {
    console.error(`✗ ${label} failed`);
    process.exit(r.status ?? 1);
  }
};

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
run("build (UI, Lambda and Node bundles)", npm, ["run", "build"]);
run("type-check", npm, ["run", "typecheck"]);
run("lint (eslint + prettier)", npm, ["run", "lint"]);

const report = join(tmpdir(), `stellarr-vitest-${process.pid}.json`);
const extra = process.argv.slice(2);
const r = spawnSync(
  process.execPath,
  ["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...extra],
  {
    stdio: "inherit",
    env: process.env,
  },
);
try {
  const j = JSON.parse(readFileSync(report, "utf8"));
  const skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  console.log(`\n${j.numPassedTests} passed, ${j.numFailedTests} failed, ${skipped} skipped`);
  rmSync(report, { force: true });
} catch {
  console.log("\n(no test report written)");
}
process.exit(r.status ?? 1);
