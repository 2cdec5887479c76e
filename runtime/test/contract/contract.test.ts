/**
 * The published contract (`@stellarr/runtime/contract`): the UI type-checks against it and other
 * workspaces import it, so it must stay plain — no Node module, no server layer — and what it
 * names (feed paths, URL formats) must be what the server serves.
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  FEED_PATHS,
  RequestsPage,
  SYNC_COMMIT_PATH,
  SYNC_PATH,
  VerifyBody,
  WEBHOOK_PATH,
  feedUrl,
  syncUrl,
  webhookUrl,
} from "../../src/contract/index.js";
import { createTestApp } from "@stellarr/testkit/app";

const SRC = resolve(fileURLToPath(new URL("../../src", import.meta.url)));

/** Every module reachable from `entry` through its import/export specifiers, and the bare ones. */
function moduleGraph(entry: string): { files: string[]; bare: string[] } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, "utf8");
    for (const [, spec] of text.matchAll(/(?:import|export)[^"']*?from\s+["']([^"']+)["']/g)) {
      if (spec!.startsWith(".")) visit(resolve(dirname(file), spec!.replace(/\.js$/, ".ts")));
      else bare.add(spec!);
    }
  };
  visit(entry);
  return { files: [...files].map((f) => relative(SRC, f)).sort(), bare: [...bare].sort() };
}

describe("the contract", () => {
  it("reaches only contract and port modules, and no package but zod/mini", () => {
    const { files, bare } = moduleGraph(join(SRC, "contract/index.ts"));
    expect(files.filter((f) => !f.startsWith("contract/") && !f.startsWith("ports/"))).toEqual([]);
    expect(bare).toEqual(["zod/mini"]);
  });

  it("exports the request and the answer schemas as values (an answer's type re-exported by its area does not hide it)", () => {
    expect(VerifyBody._zod.def.type).toBe("object");
    expect(RequestsPage._zod.def.type).toBe("object");
  });

  it("names the paths the app serves", async () => {
    const t = await createTestApp();
    try {
      const routes = t.app.routes().map((r) => `${r.method} ${r.path}`);
      for (const path of Object.values(FEED_PATHS)) expect(routes).toContain(`GET ${path}`);
      for (const path of [WEBHOOK_PATH, SYNC_PATH, SYNC_COMMIT_PATH]) expect(routes).toContain(`POST ${path}`);
    } finally {
      await t.close();
    }
  });

  it("builds the URLs users paste, with the token encoded and only when there is one", () => {
    expect(feedUrl("https://s.example/", FEED_PATHS.sonarr, "a b&c")).toBe("https://s.example/list/sonarr?token=a%20b%26c");
    expect(feedUrl("https://s.example", FEED_PATHS.radarr, null)).toBe("https://s.example/list/radarr");
    expect(webhookUrl("https://s.example//", "t/1")).toBe("https://s.example/webhook/plex?token=t%2F1");
    expect(syncUrl("http://127.0.0.1:8080", "x")).toBe("http://127.0.0.1:8080/sync/library?token=x");
  });
});
