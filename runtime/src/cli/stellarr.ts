/**
 * The `stellarr` command (bin/stellarr.mjs runs its bundle, dist/node/cli.mjs). Subcommands:
 *   plex-sync         sync the Plex libraries into Stellarr (product.md §5.2)
 *   jellyfin-sync     sync the Jellyfin libraries into Stellarr
 *   emby-sync         sync the Emby libraries into Stellarr
 *   import-original   import the original Stellarr's data (product.md §13)
 *
 * The arguments of every command are parsed here (cli/args.ts, shared by the sync commands); each
 * command's wiring is imported when that command runs (its own bundle: build/node-bundle.ts), so
 * `--help`, a usage error or one command never load another's code (nor import-original's AWS SDK).
 */
import { fileURLToPath } from "node:url";
import { mediaServerSyncUsage, parseMediaServerSyncArgs, parsePlexSyncArgs, PLEX_SYNC_USAGE, UsageError } from "./args.js";
import { IMPORT_ORIGINAL_USAGE, parseImportOriginalArgs } from "./import-original.js";
import type { ImportIo } from "../wiring/import-original.js";
import { errorMessage } from "../lib/errors.js";

const USAGE = `Usage: stellarr <command> [options]

Commands:
  plex-sync         sync your Plex libraries into Stellarr ("stellarr plex-sync --help")
  jellyfin-sync     sync your Jellyfin libraries into Stellarr ("stellarr jellyfin-sync --help")
  emby-sync         sync your Emby libraries into Stellarr ("stellarr emby-sync --help")
  import-original   import the original Stellarr's data ("stellarr import-original --help")`;

const COMMANDS = {
  "plex-sync": async (args: string[], io: ImportIo) => {
    const opts = parsePlexSyncArgs(args, io.env);
    if (opts === "help") return PLEX_SYNC_USAGE;
    const { runPlexSync } = await import("../wiring/plex-sync.js");
    return runPlexSync(opts, io);
  },
  "jellyfin-sync": async (args: string[], io: ImportIo) => {
    const opts = parseMediaServerSyncArgs("jellyfin", args, io.env);
    if (opts === "help") return mediaServerSyncUsage("jellyfin");
    const { runJellyfinSync } = await import("../wiring/jellyfin-sync.js");
    return runJellyfinSync(opts, io);
  },
  "emby-sync": async (args: string[], io: ImportIo) => {
    const opts = parseMediaServerSyncArgs("emby", args, io.env);
    if (opts === "help") return mediaServerSyncUsage("emby");
    const { runEmbySync } = await import("../wiring/emby-sync.js");
    return runEmbySync(opts, io);
  },
  "import-original": async (args: string[], io: ImportIo) => {
    const opts = parseImportOriginalArgs(args, io.env, io.cwd ?? process.cwd());
    if (opts === "help") return IMPORT_ORIGINAL_USAGE;
    const { runImportOriginal } = await import("../wiring/import-original.js");
    return runImportOriginal(opts, io);
  },
} satisfies Record<string, (args: string[], io: ImportIo) => Promise<number | string>>;

export async function main(argv: readonly string[], io: ImportIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    io.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    io.stderr.write(`stellarr: unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  try {
    const outcome = await COMMANDS[command as keyof typeof COMMANDS](rest, io);
    if (typeof outcome === "string") {
      io.stdout.write(`${outcome}\n`);
      return 0;
    }
    return outcome;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`stellarr ${command}: ${err.message}\n(see stellarr ${command} --help)\n`);
      return 2;
    }
    // One line: a thrown message may span several.
    io.stderr.write(`stellarr ${command}: ${errorMessage(err).replace(/\s+/g, " ").trim()}\n`);
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
