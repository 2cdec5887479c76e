/**
 * The `stellarr` command (bin/stellarr.mjs runs this file through tsx). Subcommands:
 *   plex-sync   sync the Plex libraries into Stellarr (product.md §5.2)
 */
import { fileURLToPath } from "node:url";
import { parsePlexSyncArgs, PLEX_SYNC_USAGE, UsageError } from "./args.js";
import { runPlexSync, type CliIo } from "../wiring/cli.js";
import { errorMessage } from "../lib/errors.js";

const USAGE = `Usage: stellarr <command> [options]

Commands:
  plex-sync   sync your Plex libraries into Stellarr ("stellarr plex-sync --help")`;

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    io.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command !== "plex-sync") {
    io.stderr.write(`stellarr: unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  try {
    const opts = parsePlexSyncArgs(rest, io.env);
    if (opts === "help") {
      io.stdout.write(`${PLEX_SYNC_USAGE}\n`);
      return 0;
    }
    return await runPlexSync(opts, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`stellarr plex-sync: ${err.message}\n(see stellarr plex-sync --help)\n`);
      return 2;
    }
    io.stderr.write(`stellarr plex-sync: ${errorMessage(err)}\n`);
    return 1;
  }
}

/** The process entry: real streams, environment and fetch. */
export async function runFromProcess(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    fetch: globalThis.fetch,
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runFromProcess();
