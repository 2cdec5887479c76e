/**
 * The core of the Jellyfin and Emby fakes (`./jellyfin.ts`, `./emby.ts`): a real HTTP server on
 * 127.0.0.1 answering the library calls of the sync in the servers' JSON shapes (PascalCase
 * properties, null properties left out, `QueryResult` envelopes), checked against Jellyfin's source
 * (docs/jellyfin.md lists the files):
 *
 *   GET /System/Info/Public     no auth                     { LocalAddress, ServerName, Version, ProductName, Id, … }
 *   GET /System/Info            auth                        the same and more
 *   GET /Library/MediaFolders   auth                        { Items: [{ Name, Id, Type: "CollectionFolder", CollectionType? }], TotalRecordCount, StartIndex }
 *   GET /Items                  auth                        { Items: [BaseItemDto], TotalRecordCount, StartIndex }
 *       ParentId (unknown or absent: the whole library, as Jellyfin falls back to the root folder),
 *       IncludeItemTypes (comma list), Fields (ProviderIds only when asked for), StartIndex, Limit,
 *       Recursive, SortBy… are recorded; routes and query names match without regard to case.
 *
 * Auth fails like the real server: 401 when the token is missing or unknown. Which ways of sending
 * the token count differs per flavour (see `tokenOf`).
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type MediaServerFlavour = "jellyfin" | "emby";

export interface FakeMediaItem {
  /** Filled in when absent (Jellyfin: 32 hex digits; Emby: a number). */
  Id?: string;
  Name: string;
  /** `Movie`, `Series`, or anything else a library holds (`Video`, `BoxSet`, `Audio`…). */
  Type: string;
  ProductionYear?: number;
  /** Keys as the server stores them: `Tmdb`, `Imdb`, `Tvdb` (others such as `TmdbCollection` may appear). */
  ProviderIds?: Record<string, string>;
}

export interface FakeMediaLibrary {
  Id?: string;
  Name: string;
  /** `movies`, `tvshows`, `music`, `boxsets`…; null/absent for Jellyfin's "mixed movies and shows". */
  CollectionType?: string | null;
  items: FakeMediaItem[];
}

export interface MediaServerFakeOptions {
  apiKey?: string;
  serverName?: string;
  /** 32 hex digits (Jellyfin's `SystemId`). */
  serverId?: string;
  version?: string;
  libraries: FakeMediaLibrary[];
  /** Largest page handed out whatever `Limit` asks (for short-page tests; Jellyfin itself has no cap). */
  maxPageSize?: number;
  /**
   * Jellyfin's `EnableLegacyAuthorization`: when true, `X-Emby-Token`, `X-MediaBrowser-Token`,
   * `X-Emby-Authorization`, the `Emby` scheme and `?api_key=` are accepted too. Default false: what
   * Jellyfin 12 does (10.11 still defaulted to true). Ignored by the Emby flavour, which accepts all.
   */
  legacyAuthorization?: boolean;
}

export interface MediaServerFakeCall {
  method: string;
  /** Path as requested (Emby: with its `/emby` prefix when sent). */
  path: string;
  /** Query parameters, names lower-cased. */
  query: Record<string, string>;
  /** How the token came (`authorization`, `x-emby-token`, `query:apikey`…), or null. */
  auth: string | null;
  status: number;
}

export interface MediaServerFake {
  flavour: MediaServerFlavour;
  url: string;
  apiKey: string;
  serverId: string;
  serverName: string;
  /** The libraries with ids filled in; tests may change them between calls (see `onItems`). */
  libraries: (FakeMediaLibrary & { Id: string })[];
  calls: MediaServerFakeCall[];
  /** Calls whose path (without Emby's prefix) starts with `prefix`, case-insensitively. */
  count(prefix: string): number;
  /** The next `times` calls under `prefix` answer `status`. */
  failNext(prefix: string, status: number, times?: number): void;
  /** Every `/Items` page at or beyond `startIndex` answers `status` (a server that dies halfway). */
  failFrom(startIndex: number, status: number): void;
  /** The next `times` calls under `prefix` are slow: before the headers, or after the first bytes of the body. */
  delayNext(prefix: string, ms: number, opts?: { times?: number; phase?: "headers" | "body" }): void;
  /** Runs before each `/Items` answer is computed (to change a library mid-sync). */
  onItems: ((call: MediaServerFakeCall) => void) | null;
  close(): Promise<void>;
}

const hexId = (...parts: (string | number)[]) => createHash("md5").update(parts.join("\u0000")).digest("hex");

export async function startMediaServerFake(flavour: MediaServerFlavour, opts: MediaServerFakeOptions): Promise<MediaServerFake> {
  const apiKey = opts.apiKey ?? `${flavour}-test-api-key-0123456789abcdef`;
  const serverId = opts.serverId ?? hexId(flavour, "server");
  const serverName = opts.serverName ?? (flavour === "jellyfin" ? "Fake Jellyfin" : "Fake Emby");
  const version = opts.version ?? (flavour === "jellyfin" ? "10.11.0" : "4.8.10.0");
  let nextEmbyId = 1000;
  const newId = (...parts: (string | number)[]) => (flavour === "jellyfin" ? hexId(...parts) : String(nextEmbyId++));
  let itemSerial = 0;
  // Items get their ids when first served, so items a test adds to a library later get one too.
  const withId = (item: FakeMediaItem) => (item.Id ??= newId("item", itemSerial++, item.Name));
  const libraries = opts.libraries.map((lib, l) => {
    lib.items.forEach(withId);
    return Object.assign(lib, { Id: lib.Id ?? newId("library", l, lib.Name) });
  });
  const calls: MediaServerFakeCall[] = [];
  const failures: { prefix: string; status: number; times: number }[] = [];
  const failFrom: { start: number; status: number }[] = [];
  const delays: { prefix: string; ms: number; times: number; phase: "headers" | "body" }[] = [];
  const productName = flavour === "jellyfin" ? "Jellyfin Server" : "Emby Server";
  const under = (path: string, prefix: string) => path.toLowerCase().startsWith(prefix.toLowerCase());

  const fake: MediaServerFake = {
    flavour,
    url: "",
    apiKey,
    serverId,
    serverName,
    libraries,
    calls,
    count: (prefix) => calls.filter((c) => under(stripPrefix(flavour, c.path), prefix)).length,
    failNext: (prefix, status, times = 1) => void failures.push({ prefix, status, times }),
    failFrom: (start, status) => void failFrom.push({ start, status }),
    delayNext: (prefix, ms, o = {}) => void delays.push({ prefix, ms, times: o.times ?? 1, phase: o.phase ?? "headers" }),
    onItems: null,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const itemDto = (item: FakeMediaItem, withProviderIds: boolean) => ({
    Name: item.Name,
    ServerId: serverId,
    Id: withId(item),
    ...(item.ProductionYear !== undefined ? { PremiereDate: `${item.ProductionYear}-06-01T00:00:00.0000000Z` } : {}),
    ...(item.ProductionYear !== undefined ? { ProductionYear: item.ProductionYear } : {}),
    ...(withProviderIds ? { ProviderIds: { ...(item.ProviderIds ?? {}) } } : {}),
    IsFolder: item.Type === "Series" || item.Type === "BoxSet",
    Type: item.Type,
    ImageTags: {},
    BackdropImageTags: [],
    LocationType: "FileSystem",
    MediaType: item.Type === "Movie" || item.Type === "Video" ? "Video" : "Unknown",
  });

  async function handle(req: IncomingMessage, res: ServerResponse, call: MediaServerFakeCall): Promise<void> {
    const url = new URL(req.url ?? "/", "http://media.test");
    const path = stripPrefix(flavour, url.pathname).replace(/\/+$/, "").toLowerCase() || "/";
    const q = call.query;
    // A delay is used up only where it applies: before any answer, or in the body of a JSON answer.
    const delayFor = (phase: "headers" | "body") => {
      const d = delays.find((x) => x.times > 0 && x.phase === phase && under(stripPrefix(flavour, url.pathname), x.prefix));
      if (d) d.times--;
      return d?.ms ?? 0;
    };
    const headersDelay = delayFor("headers");
    if (headersDelay > 0) await sleep(headersDelay);

    const send = async (status: number, body: unknown) => {
      call.status = status;
      if (status === 401) {
        // Jellyfin answers an authentication challenge with an empty body; Emby with a line of text.
        if (flavour === "jellyfin") return void res.writeHead(401).end();
        return void res.writeHead(401, { "content-type": "text/plain; charset=utf-8" }).end("Access token is invalid or expired.");
      }
      if (status >= 400) return void res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(`Error ${status}`);
      const text = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      const bodyDelay = delayFor("body");
      if (bodyDelay > 0) {
        res.write(text.slice(0, 1));
        await sleep(bodyDelay);
        if (res.destroyed) return;
        return void res.end(text.slice(1));
      }
      res.end(text);
    };

    if (flavour === "jellyfin" && under(url.pathname, "/emby/")) return send(404, null);
    if (req.method !== "GET") return send(405, null);
    if (path === "/system/info/public") return send(200, publicInfo());
    const token = tokenOf(flavour, req, q, opts.legacyAuthorization ?? false);
    call.auth = token?.via ?? null;
    if (!token || token.value !== apiKey) return send(401, null);
    const failure = failures.find((f) => f.times > 0 && under(stripPrefix(flavour, url.pathname), f.prefix));
    if (failure) {
      failure.times--;
      return send(failure.status, null);
    }
    if (path === "/system/info") {
      return send(200, { ...publicInfo(), OperatingSystemDisplayName: "Linux", HasPendingRestart: false, IsShuttingDown: false });
    }
    if (path === "/library/mediafolders") {
      const items = libraries.map((lib) => ({
        Name: lib.Name,
        ServerId: serverId,
        Id: lib.Id,
        IsFolder: true,
        Type: "CollectionFolder",
        ...(lib.CollectionType ? { CollectionType: lib.CollectionType } : {}),
        LocationType: "FileSystem",
        ImageTags: {},
        BackdropImageTags: [],
      }));
      return send(200, { Items: items, TotalRecordCount: items.length, StartIndex: 0 });
    }
    if (path === "/items") {
      const int = (name: string) => (q[name] === undefined || q[name] === "" ? null : /^-?\d+$/.test(q[name]!) ? Number(q[name]) : NaN);
      const startIndex = int("startindex");
      const limit = int("limit");
      if (Number.isNaN(startIndex) || Number.isNaN(limit)) {
        return send(400, null);
      }
      fake.onItems?.(call);
      const start = Math.max(0, startIndex ?? 0);
      const failed = failFrom.find((f) => start >= f.start);
      if (failed) return send(failed.status, null);
      const parent = libraries.find((lib) => lib.Id.toLowerCase() === (q.parentid ?? "").toLowerCase());
      const types = (q.includeitemtypes ?? "")
        .split(",")
        .map((t) => t.trim().toLowerCase())
        .filter((t) => t !== "");
      const all = (parent ? [parent] : libraries)
        .flatMap((lib) => lib.items)
        .filter((item) => types.length === 0 || types.includes(item.Type.toLowerCase()));
      const withProviderIds = (q.fields ?? "").split(",").some((f) => f.trim().toLowerCase() === "providerids");
      const size = Math.min(limit === null ? all.length : Math.max(0, limit), opts.maxPageSize ?? Infinity);
      const page = all.slice(start, start + size).map((item) => itemDto(item, withProviderIds));
      return send(200, { Items: page, TotalRecordCount: all.length, StartIndex: start });
    }
    return send(404, null);
  }

  function publicInfo() {
    return {
      LocalAddress: fake.url,
      ServerName: serverName,
      Version: version,
      ProductName: productName,
      OperatingSystem: "",
      Id: serverId,
      StartupWizardCompleted: true,
    };
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://media.test");
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) if (!(k.toLowerCase() in query)) query[k.toLowerCase()] = v;
    const call: MediaServerFakeCall = { method: req.method ?? "GET", path: url.pathname, query, auth: null, status: 0 };
    calls.push(call);
    handle(req, res, call).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** Emby serves its API both under `/emby/` and at the root. */
const stripPrefix = (flavour: MediaServerFlavour, path: string) =>
  flavour === "emby" ? path.replace(/^\/emby(?=\/|$)/i, "") || "/" : path;

/**
 * The token and where it came from. Jellyfin (`AuthorizationContext.cs`): the `Token` part of
 * `Authorization: MediaBrowser …`, then `?ApiKey=`; with legacy authorization also the `Emby`
 * scheme, `X-Emby-Authorization`, `X-Emby-Token`, `X-MediaBrowser-Token` and `?api_key=`. Emby
 * accepts all of these.
 */
function tokenOf(
  flavour: MediaServerFlavour,
  req: IncomingMessage,
  query: Record<string, string>,
  legacy: boolean,
): { value: string; via: string } | null {
  const all = flavour === "emby" || legacy;
  const header = (name: string) => {
    const v = req.headers[name];
    return (Array.isArray(v) ? v[0] : v) || undefined;
  };
  const schemed = header("authorization") ? "authorization" : all && header("x-emby-authorization") ? "x-emby-authorization" : null;
  if (schemed) {
    const value = header(schemed)!;
    const space = value.indexOf(" ");
    const scheme = space === -1 ? "" : value.slice(0, space).toLowerCase();
    if (scheme === "mediabrowser" || (all && scheme === "emby")) {
      const token = authorizationParts(value.slice(space + 1)).Token;
      if (token) return { value: token, via: schemed };
    }
  }
  if (all) {
    for (const name of ["x-emby-token", "x-mediabrowser-token"]) {
      const v = header(name);
      if (v) return { value: v, via: name };
    }
  }
  if (query.apikey) return { value: query.apikey, via: "query:apikey" };
  if (all && query.api_key) return { value: query.api_key, via: "query:api_key" };
  return null;
}

/** `Client="x", Token="y"` → { Client: "x", Token: "y" } (values URL-decoded, as Jellyfin's `GetParts` does). */
function authorizationParts(s: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const m of s.matchAll(/([A-Za-z]+)\s*=\s*(?:"([^"]*)"|([^,]*))/g)) {
    const raw = (m[2] ?? m[3] ?? "").trim();
    try {
      parts[m[1]!] = decodeURIComponent(raw.replace(/\+/g, " "));
    } catch {
      parts[m[1]!] = raw;
    }
  }
  return parts;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * `n` movies or shows with ids in the shapes met in real libraries: `Tmdb` + `Imdb` (+ `Tvdb` for
 * shows) by default; every `imdbOnlyEvery`-th has only an IMDb id, every `tvdbOnlyEvery`-th only a
 * TVDB id, every `noIdsEvery`-th none at all, and every `oddValuesEvery`-th has lower-case keys and
 * values with stray whitespace. TMDB ids count up from `firstTmdbId`.
 */
export function generateLibraryItems(
  n: number,
  opts: {
    type?: "Movie" | "Series";
    firstTmdbId?: number;
    imdbOnlyEvery?: number;
    tvdbOnlyEvery?: number;
    noIdsEvery?: number;
    oddValuesEvery?: number;
    namePrefix?: string;
  } = {},
): FakeMediaItem[] {
  const type = opts.type ?? "Movie";
  const first = opts.firstTmdbId ?? 100_000;
  const every = (k: number | undefined, i: number) => k !== undefined && k > 0 && i % k === k - 1;
  return Array.from({ length: n }, (_, i) => {
    const tmdb = first + i;
    const imdb = `tt${String(tmdb).padStart(7, "0")}`;
    const tvdb = 300_000 + tmdb;
    const Name = `${opts.namePrefix ?? type} ${tmdb}`;
    const ProductionYear = 1990 + (i % 35);
    if (every(opts.noIdsEvery, i)) return { Name, Type: type, ProductionYear, ProviderIds: {} };
    if (every(opts.imdbOnlyEvery, i)) return { Name, Type: type, ProductionYear, ProviderIds: { Imdb: imdb } };
    if (every(opts.tvdbOnlyEvery, i)) return { Name, Type: type, ProductionYear, ProviderIds: { Tvdb: String(tvdb) } };
    if (every(opts.oddValuesEvery, i)) {
      return { Name, Type: type, ProductionYear, ProviderIds: { tmdb: ` ${tmdb} `, imdb: ` ${imdb.toUpperCase()}` } };
    }
    const ProviderIds: Record<string, string> = { Tmdb: String(tmdb), Imdb: imdb };
    if (type === "Series") ProviderIds.Tvdb = String(tvdb);
    return { Name, Type: type, ProductionYear, ProviderIds };
  });
}
