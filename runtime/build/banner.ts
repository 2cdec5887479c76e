/**
 * The first line of every bundle (Lambda and Node). CommonJS dependencies (web-push and its tree,
 * better-sqlite3) call `require(…)`; inside an ESM bundle loaded from a real `.mjs` there is no
 * `require` unless we create one (stack-notes.md §8.1).
 */
export const BANNER =
  'import { createRequire as __stellarrCreateRequire } from "node:module"; const require = __stellarrCreateRequire(import.meta.url);';
