/**
 * The change token on SQLite: the `changes` counter that triggers on `requests`, `library` and
 * `library_current` bump inside every writing transaction (migration 2), prefixed with a random
 * epoch per opened store, so a restored or replaced database file never repeats a token a client
 * still holds.
 */
import { randomBytes } from "node:crypto";
import type { ChangeStore } from "../../../ports/store/changes.js";
import type { SqliteContext } from "./database.js";

export function createSqliteChanges(ctx: SqliteContext): ChangeStore {
  const epoch = randomBytes(6).toString("base64url");
  const counter = ctx.db.prepare<[], number>(`SELECT n FROM changes WHERE id = 1`).pluck();
  return {
    changeToken: () => ctx.op(() => ({ value: `${epoch}-${counter.get()!}`, settled: true })),
  };
}
