/** Shared bits of the Jellyfin/Emby suites. */
import { readFileSync } from "node:fs";
import type { Checked } from "../../src/domain/plex/payload.js";

export const fixture = (server: "jellyfin" | "emby", name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../fixtures/${server}/${name}`, import.meta.url), "utf8"));

/** The value of a successful check (fails the test with the issues otherwise). */
export function ok<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new Error(`expected a valid payload, got ${JSON.stringify(checked.issues)}`);
  return checked.value;
}

/** The issues of a failed check. */
export function issues<T>(checked: Checked<T>): { path: (string | number)[]; message: string }[] {
  if (checked.ok) throw new Error(`expected issues, got ${JSON.stringify(checked.value)}`);
  return checked.issues;
}
