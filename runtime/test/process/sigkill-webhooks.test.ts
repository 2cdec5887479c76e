/**
 * The SIGKILL guarantee for the Plex side: every webhook and sync batch the server acknowledged is
 * in the library after a crash, and a full resync that was not committed changes nothing.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSqliteStore } from "../../src/adapters/store/sqlite/index.js";
import { plexForm } from "@stellarr/testkit/plex";
import { startServerProcess, type ServerProcess } from "@stellarr/testkit/server-process";

const TOKEN = "sigkill-webhook-token";
const env = { APP_SECRET_KEY: "sigkill-secret-0123456789abcdef", PRESHARED_PASSWORD: "pw", PLEX_WEBHOOK_TOKEN: TOKEN };

function webhookBody(id: number): FormData {
  return plexForm({
    event: "library.new",
    Server: { title: "Home" },
    Metadata: { type: "movie", title: `Movie ${id}`, guid: `plex://movie/m${id}`, Guid: [{ id: `tmdb://${id}` }] },
  });
}

describe("SIGKILL during webhooks and sync", () => {
  let dir: string;
  let servers: ServerProcess[] = [];
  afterEach(async () => {
    for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) await s.kill();
    servers = [];
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps every acknowledged webhook and sync batch, and an uncommitted resync changes nothing", async () => {
    dir = await mkdtemp(join(tmpdir(), "stellarr-kill-"));
    const s = await startServerProcess({ dataDir: dir, env });
    servers.push(s);

    // A committed full resync of TV: must survive as is.
    const base = `${s.url}/sync/library?media_type=tv&token=${TOKEN}`;
    const post = (url: string, body: unknown) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await post(`${base}&mode=full&sync_id=tv1`, [{ tmdb_id: 1396 }, { tmdb_id: 1399 }])).status).toBe(200);
    expect((await post(`${s.url}/sync/library/commit?media_type=tv&sync_id=tv1&token=${TOKEN}`, null)).status).toBe(200);
    // An open, never committed resync that would remove 1399.
    expect((await post(`${base}&mode=full&sync_id=tv2`, [{ tmdb_id: 1396 }])).status).toBe(200);

    const acknowledged: number[] = [];
    let stop = false;
    const stream = async (start: number) => {
      for (let id = start; !stop; id += 3) {
        try {
          const r = await fetch(`${s.url}/webhook/plex?token=${TOKEN}`, { method: "POST", body: webhookBody(id) });
          if (r.status === 200 && (await r.json()).added_to_library) acknowledged.push(id);
        } catch {
          return;
        }
      }
    };
    const streams = [1000, 1001, 1002].map(stream);
    while (acknowledged.length < 30) await new Promise((r) => setTimeout(r, 5));
    stop = true;
    await s.kill();
    await Promise.all(streams);

    const store = createSqliteStore({ path: join(dir, "stellarr.db") });
    const movies = new Set(await store.libraryIds("movie"));
    for (const id of acknowledged) expect(movies.has(id), `movie ${id}`).toBe(true);
    expect(await store.libraryIds("tv")).toEqual([1396, 1399]);
    await store.close();
  });
});
