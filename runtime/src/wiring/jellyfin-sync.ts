/** `stellarr jellyfin-sync` (product.md §5.2): its own entry, so its bundle holds only its code. */
import type { MediaServerSyncOptions } from "../cli/args.js";
import type { CliIo } from "./cli.js";
import { runMediaServerSync } from "./media-server-sync.js";

export const runJellyfinSync = (opts: MediaServerSyncOptions, io: CliIo): Promise<number> => runMediaServerSync("jellyfin", opts, io);
