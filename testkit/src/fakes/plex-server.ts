/**
 * A fake Plex Media Server: a real HTTP server on 127.0.0.1 answering the calls the library-sync
 * CLI makes, in Plex's JSON shapes (`Accept: application/json`; anything else gets XML, as Plex
 * does). Every call needs `X-Plex-Token` (header or query), else 401.
 *
 *   GET /                                   MediaContainer { friendlyName, machineIdentifier, version }
 *   GET /library/sections                   MediaContainer { size, Directory: [{ key, type, title, agent, … }] }
 *   GET /library/sections/{key}/all         MediaContainer { size, totalSize, offset, Metadata: [...] },
 *       paged by X-Plex-Container-Start/Size (headers or query); `Guid[]` only with includeGuids=1
 *
 * Items carry modern guids (`plex://movie/…` + `Guid: [{id: "tmdb://…"}, …]`) or legacy agent
 * guids (`com.plexapp.agents.themoviedb://603?lang=en`, `…thetvdb://81189?lang=en`, …).
 * Handle: `{ url, token, calls, failNext(pathPrefix, status, times?), failFrom(pathPrefix, start, status), close() }`.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakePlexItem {
  ratingKey: string;
  type: "movie" | "show";
  title: string;
  year?: number;
  guid: string;
  Guid?: { id: string }[];
}

export interface FakePlexSection {
  key: string;
  type: "movie" | "show" | "artist" | "photo";
  title: string;
  items: FakePlexItem[];
}

export interface PlexFakeOptions {
  token?: string;
  friendlyName?: string;
  sections: FakePlexSection[];
  /** Largest page the server hands out whatever the client asks (Plex caps pages too). */
  maxPageSize?: number;
}

export interface PlexFakeCall {
  method: string;
  path: string;
  start: number | null;
  size: number | null;
  includeGuids: boolean;
  status: number;
}

export interface PlexFake {
  url: string;
  token: string;
  calls: PlexFakeCall[];
  /** The next `times` calls whose path starts with `pathPrefix` answer `status`. */
  failNext(pathPrefix: string, status: number, times?: number): void;
  /** Every page request of a section at or beyond `start` answers `status` (a server that dies halfway). */
  failFrom(pathPrefix: string, start: number, status: number): void;
  close(): Promise<void>;
}

/** `n` movies; every `legacyEvery`-th uses the legacy TMDB agent, every `noIdsEvery`-th has no external id. */
export function generateMovies(n: number, opts: { firstTmdbId?: number; legacyEvery?: number; noIdsEvery?: number } = {}): FakePlexItem[] {
  const first = opts.firstTmdbId ?? 100_000;
  return Array.from({ length: n }, (_, i) => {
    const tmdb = first + i;
    const title = `Movie ${tmdb}`;
    if (opts.noIdsEvery && i % opts.noIdsEvery === opts.noIdsEvery - 1) {
      return { ratingKey: String(i + 1), type: "movie", title, guid: `com.plexapp.agents.none://${tmdb.toString(16)}?lang=xn` };
    }
    if (opts.legacyEvery && i % opts.legacyEvery === 0) {
      return {
        ratingKey: String(i + 1),
        type: "movie",
        title,
        year: 2000 + (i % 25),
        guid: `com.plexapp.agents.themoviedb://${tmdb}?lang=en`,
      };
    }
    return {
      ratingKey: String(i + 1),
      type: "movie",
      title,
      year: 2000 + (i % 25),
      guid: `plex://movie/${tmdb.toString(16).padStart(24, "0")}`,
      Guid: [{ id: `imdb://tt${String(tmdb).padStart(7, "0")}` }, { id: `tmdb://${tmdb}` }],
    };
  });
}

export async function startPlexFake(opts: PlexFakeOptions): Promise<PlexFake> {
  const token = opts.token ?? "plex-test-token";
  const calls: PlexFakeCall[] = [];
  const failures: { prefix: string; status: number; times: number }[] = [];
  const failFrom: { prefix: string; start: number; status: number }[] = [];
  const maxPage = opts.maxPageSize ?? 1000;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://plex.test");
    const header = (name: string) => {
      const v = req.headers[name.toLowerCase()];
      return Array.isArray(v) ? v[0] : v;
    };
    const param = (name: string) => header(name) ?? url.searchParams.get(name) ?? undefined;
    const startRaw = param("X-Plex-Container-Start");
    const sizeRaw = param("X-Plex-Container-Size");
    const call: PlexFakeCall = {
      method: req.method ?? "GET",
      path: url.pathname,
      start: startRaw !== undefined ? Number(startRaw) : null,
      size: sizeRaw !== undefined ? Number(sizeRaw) : null,
      includeGuids: url.searchParams.get("includeGuids") === "1",
      status: 200,
    };
    calls.push(call);
    const send = (status: number, body: unknown) => {
      call.status = status;
      if (status >= 400)
        return void res.writeHead(status, { "content-type": "text/html" }).end(`<html><body><h1>${status}</h1></body></html>`);
      if (!(header("accept") ?? "").includes("application/json")) {
        return void res
          .writeHead(status, { "content-type": "text/xml" })
          .end('<?xml version="1.0" encoding="UTF-8"?><MediaContainer size="0"></MediaContainer>');
      }
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ MediaContainer: body }));
    };

    if (param("X-Plex-Token") !== token) return send(401, null);
    const failure = failures.find((f) => url.pathname.startsWith(f.prefix) && f.times > 0);
    if (failure) {
      failure.times--;
      return send(failure.status, null);
    }
    if (url.pathname === "/")
      return send(200, { size: 0, friendlyName: opts.friendlyName ?? "Fake Plex", machineIdentifier: "fake-plex", version: "1.40.0" });
    if (url.pathname === "/library/sections") {
      return send(200, {
        size: opts.sections.length,
        allowSync: false,
        title1: "Plex Library",
        Directory: opts.sections.map((s) => ({
          allowSync: true,
          art: "/:/resources/movie-fanart.jpg",
          key: s.key,
          type: s.type,
          title: s.title,
          agent: s.type === "movie" ? "tv.plex.agents.movie" : "tv.plex.agents.series",
          scanner: "Plex Movie",
          language: "en-US",
          uuid: `uuid-${s.key}`,
          Location: [{ id: Number(s.key), path: `/data/${s.title}` }],
        })),
      });
    }
    const m = /^\/library\/sections\/([^/]+)\/all$/.exec(url.pathname);
    const section = m ? opts.sections.find((s) => s.key === decodeURIComponent(m[1]!)) : undefined;
    if (section) {
      const start = Math.max(0, call.start ?? 0);
      if (failFrom.some((f) => url.pathname.startsWith(f.prefix) && start >= f.start))
        return send(failFrom.find((f) => start >= f.start)!.status, null);
      const size = Math.min(call.size ?? section.items.length, maxPage);
      const page = section.items.slice(start, start + size).map((item) => {
        const { Guid, ...rest } = item;
        return {
          ...rest,
          key: `/library/metadata/${item.ratingKey}`,
          librarySectionID: Number(section.key),
          addedAt: 1_700_000_000,
          ...(call.includeGuids && Guid ? { Guid } : {}),
        };
      });
      return send(200, {
        size: page.length,
        totalSize: section.items.length,
        offset: start,
        librarySectionID: Number(section.key),
        librarySectionTitle: section.title,
        ...(page.length > 0 ? { Metadata: page } : {}),
      });
    }
    send(404, null);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    calls,
    failNext: (prefix, status, times = 1) => void failures.push({ prefix, status, times }),
    failFrom: (prefix, start, status) => void failFrom.push({ prefix, start, status }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
