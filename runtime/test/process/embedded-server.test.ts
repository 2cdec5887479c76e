/**
 * The embedded server as a real process: first start with generated secrets, the README's login
 * script, graceful SIGTERM, and no acknowledged write lost to SIGKILL.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSqliteStore } from "../../src/adapters/store/sqlite/index.js";
import { sessionKey, signToken } from "../../src/domain/auth/token.js";
import { ROOT, startServerProcess, type ServerProcess } from "@stellarr/testkit/server-process";

const SECRET = "process-test-secret-0123456789";
const PASSWORD = "process test password";

describe("embedded server process", () => {
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  const tmp = async () => {
    const d = await mkdtemp(join(tmpdir(), "stellarr-proc-"));
    dirs.push(d);
    return d;
  };
  afterEach(async () => {
    for (const s of servers.splice(0)) if (s.child.exitCode === null) await s.kill();
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it("starts on a fresh data directory with generated secrets, shows the password once, and stops on SIGTERM", async () => {
    const dir = await tmp();
    const s = await startServerProcess({ dataDir: dir, env: { LOG_LEVEL: "info" } });
    servers.push(s);
    const health = await (await fetch(`${s.url}/api/health`)).json();
    expect(health).toMatchObject({ status: "healthy", service: "stellarr", storage: "sqlite", catalogue: "demo" });
    expect((await fetch(`${s.url}/api/ready`)).status).toBe(200);
    expect((await (await fetch(`${s.url}/config.json`)).json()).catalogue).toBe("demo");
    const page = await fetch(`${s.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const secrets = JSON.parse(await readFile(join(dir, "secrets.json"), "utf8"));
    expect((await stat(join(dir, "secrets.json"))).mode & 0o777).toBe(0o600);
    expect(s.output()).toContain(secrets.PRESHARED_PASSWORD);
    // Logged exactly once: the password appears in the banner only.
    expect(s.output().split(secrets.PRESHARED_PASSWORD)).toHaveLength(2);
    expect(await s.stop()).toBe(0);

    const again = await startServerProcess({ dataDir: dir, env: { LOG_LEVEL: "info" } });
    servers.push(again);
    expect(again.output()).not.toContain(secrets.PRESHARED_PASSWORD);
    expect(await again.stop()).toBe(0);
  });

  it("lets the README's script log in", async () => {
    const dir = await tmp();
    const s = await startServerProcess({ dataDir: dir, env: { PRESHARED_PASSWORD: PASSWORD, APP_SECRET_KEY: SECRET } });
    servers.push(s);
    const readme = await readFile(join(ROOT, "README.md"), "utf8");
    const script = /node --input-type=module -e '([\s\S]*?)'\n```/.exec(readme)?.[1];
    expect(script).toBeDefined();
    const token = execFileSync(process.execPath, ["--input-type=module", "-e", script!], {
      env: { ...process.env, STELLARR_URL: s.url, STELLARR_PASSWORD: PASSWORD },
      encoding: "utf8",
    }).trim();
    const res = await fetch(`${s.url}/api/requests`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  });

  it("loses no acknowledged write when killed with SIGKILL", async () => {
    const dir = await tmp();
    const env = { PRESHARED_PASSWORD: PASSWORD, APP_SECRET_KEY: SECRET, API_RATE_LIMIT_PER_MINUTE: "0" };
    const s = await startServerProcess({ dataDir: dir, env });
    servers.push(s);
    const token = signToken(sessionKey(SECRET, PASSWORD), "writer", Math.floor(Date.now() / 1000));
    const demo = await fetch(`${s.url}/api/search`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ query: "the" }),
    });
    const ids: { id: number; media_type: string }[] = [];
    let page = 1;
    let body = await demo.json();
    for (;;) {
      ids.push(...body.results);
      if (ids.length >= 60 || page >= body.total_pages) break;
      page++;
      body = await (
        await fetch(`${s.url}/api/search`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ query: "the", page }),
        })
      ).json();
    }
    expect(ids.length).toBeGreaterThan(10);

    // Stream writes, 4 at a time; kill the server while they are in flight.
    const acknowledged: string[] = [];
    let killed = false;
    const writer = async (slice: typeof ids) => {
      for (const t of slice) {
        if (killed) return;
        try {
          const r = await fetch(`${s.url}/api/request`, {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
            body: JSON.stringify({ tmdb_id: t.id, media_type: t.media_type }),
          });
          if (r.status === 201) acknowledged.push(`${t.media_type}:${t.id}`);
        } catch {
          return;
        }
      }
    };
    const running = [0, 1, 2, 3].map((k) => writer(ids.filter((_, i) => i % 4 === k)));
    while (acknowledged.length < Math.min(15, ids.length / 2)) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    await s.kill();
    await Promise.all(running);

    const store = createSqliteStore({ path: join(dir, "stellarr.db") });
    const stored = new Set((await store.allRequests()).map((r) => `${r.media_type}:${r.tmdb_id}`));
    await store.close();
    for (const key of acknowledged) expect(stored.has(key), key).toBe(true);

    const restarted = await startServerProcess({ dataDir: dir, env });
    servers.push(restarted);
    const list = await (await fetch(`${restarted.url}/api/requests?limit=500`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(list.requests.length).toBeGreaterThanOrEqual(acknowledged.length);
  });
});
