/**
 * A TMDB v3 fake: a real HTTP server on 127.0.0.1 speaking TMDB's wire shapes, for tests, the UI
 * e2e suite and benchmarks. Deterministic: the same catalogue and order every run.
 *
 * Catalogue: every demo-catalogue title (real TMDB/IMDb/TVDB ids, non-ASCII titles, the demo's
 * season lists, Animation genre, original language and origin countries) with generated
 * posters/popularity/votes, plus fake-only entries for edge cases and Plex fixtures:
 *   - movie 900001: no title and an empty release_date (→ "Unknown", year null)
 *   - tv 900002 "Brand New Show": no TVDB and no IMDb id yet
 *   - movie 584 "2 Fast 2 Furious" (tt0322259), movie 479455 "Men in Black: International"
 *     (tt2283336), tv 82728 "Bluey" (tvdb 353546) with episode S02E50 (tvdb 8031280,
 *     imdb tt13429908, TMDB episode 2499236) — the ids in the Plex fixtures
 *   - 240 generated movies "The <Adjective> <Noun>" (ids 910000+) so common words page deeply
 *   - persons (with `known_for`) and a collection, which `/search/multi` and `/trending/all` mix in
 *
 * Endpoints (all require `api_key`, else 401 `{"status_code":7,…}` like TMDB):
 *   GET /search/multi|movie|tv ?query&page&include_adult&language   (20 per page, page ≤ 500)
 *   GET /movie/{id}, /tv/{id} [?append_to_response=external_ids]    (404 `{"status_code":34,…}`;
 *       `genres`, `original_language`, `origin_country`, `production_countries`; shows: `seasons`)
 *   GET /movie/{id}/external_ids, /tv/{id}/external_ids
 *   GET /find/{id}?external_source=imdb_id|tvdb_id                  (incl. tv_episode_results[].show_id)
 *   GET /trending/{all|movie|tv|person}/{day|week}?page&language     (persons mixed into "all")
 * A `language` not starting with "en" prefixes overviews with `[<language>] ` so tests can see it
 * was passed through.
 *
 * Options: `startTmdbFake({ apiKey?, pageSize?, latencyMs?, extraTitles?, episodes? })`.
 * Handle: `{ url, apiKey, calls, callsTo(prefix), connections(), maxInFlight(), failNext(path, status, headers?,
 * { times?, body? }), delayNext(path, ms, times?), setLatency(ms), reset(), titles, close() }`.
 * `path` in failNext/delayNext is a pathname prefix (e.g. "/tv/1396") or a RegExp on the pathname.
 * `calls` records `{ method, path, query (without api_key), status }` per request;
 * `connections()` counts accepted TCP connections (keep-alive checks); `maxInFlight()` the peak of
 * concurrent requests (concurrency bounds).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createHash } from "node:crypto";
import { demoTitles } from "../../src/adapters/catalogue/demo/index.js";
import { queryMatcher } from "../../src/domain/catalogue/search-text.js";

export interface FakeTitle {
  id: number;
  media_type: "movie" | "tv";
  /** null: TMDB sends no title at all. */
  title: string | null;
  original_title?: string | null;
  date: string;
  overview: string;
  imdb_id: string | null;
  tvdb_id?: number | null;
  number_of_seasons?: number;
  /** Shows: TMDB's season list (specials as 0); default seasons 1…number_of_seasons of 10 episodes. */
  seasons?: { season_number: number; episode_count: number | null }[];
  /** Default [18] (Drama). */
  genre_ids?: number[];
  /** Default "en". */
  original_language?: string;
  /** Default ["US"]. */
  origin_country?: string[];
  poster_path?: string | null;
  popularity?: number;
  vote_average?: number;
}

export interface FakeEpisode {
  id: number;
  show_id: number;
  season_number: number;
  episode_number: number;
  name: string;
  tvdb_id?: number;
  imdb_id?: string;
}

export interface FakePerson {
  id: number;
  name: string;
  known_for: { media_type: "movie" | "tv"; id: number }[];
}

export interface FakeCall {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

export interface TmdbFakeOptions {
  apiKey?: string;
  pageSize?: number;
  /** Delay before every response. */
  latencyMs?: number;
  /** Added to (or replacing, by media_type+id) the built-in catalogue. */
  extraTitles?: FakeTitle[];
  episodes?: FakeEpisode[];
}

export interface TmdbFake {
  url: string;
  apiKey: string;
  calls: FakeCall[];
  callsTo(pathPrefix: string): FakeCall[];
  connections(): number;
  /** Most requests the fake was serving at once since start or `reset()`. */
  maxInFlight(): number;
  failNext(path: string | RegExp, status: number, headers?: Record<string, string>, opts?: { times?: number; body?: unknown }): void;
  delayNext(path: string | RegExp, ms: number, times?: number): void;
  setLatency(ms: number): void;
  reset(): void;
  titles: FakeTitle[];
  close(): Promise<void>;
}

const ADJECTIVES = ["Silent", "Crimson", "Hidden", "Last", "Golden", "Broken", "Wild", "Distant", "Frozen", "Secret", "Café", "Königs"];
const NOUNS = [
  "Harbor",
  "Garden",
  "Empire",
  "Signal",
  "River",
  "Kingdom",
  "Voyage",
  "Promise",
  "Horizon",
  "Island",
  "Señora",
  "Mirror",
  "Ember",
  "Orchard",
  "Lantern",
  "Citadel",
  "Meridian",
  "Tide",
  "Compass",
  "Station",
];

const PERSONS: FakePerson[] = [
  {
    id: 6384,
    name: "Keanu Reeves",
    known_for: [
      { media_type: "movie", id: 603 },
      { media_type: "movie", id: 245891 },
    ],
  },
  { id: 17419, name: "Bryan Cranston", known_for: [{ media_type: "tv", id: 1396 }] },
  {
    id: 608,
    name: "Hayao Miyazaki",
    known_for: [
      { media_type: "movie", id: 129 },
      { media_type: "movie", id: 128 },
    ],
  },
  { id: 1245, name: "Scarlett Johansson", known_for: [{ media_type: "movie", id: 24428 }] },
];

const COLLECTIONS = [{ id: 2344, title: "The Matrix Collection" }];

const BUILTIN_EPISODES: FakeEpisode[] = [
  { id: 2499236, show_id: 82728, season_number: 2, episode_number: 50, name: "Baby Race", tvdb_id: 8031280, imdb_id: "tt13429908" },
  { id: 62085, show_id: 1396, season_number: 1, episode_number: 1, name: "Pilot", tvdb_id: 349232, imdb_id: "tt0959621" },
];

/** Looks like a TMDB image path (`/` + 27 base62 chars + `.jpg`), derived from the id. */
const posterFor = (kind: string, id: number): string => {
  const h = createHash("sha256")
    .update(`${kind}:${id}`)
    .digest("base64")
    .replace(/[^A-Za-z0-9]/g, "");
  return `/${h.slice(0, 27)}.jpg`;
};

function buildCatalogue(extra: FakeTitle[]): FakeTitle[] {
  const base: FakeTitle[] = demoTitles().map((t) => ({
    id: t.id,
    media_type: t.media_type,
    title: t.title,
    original_title: t.original_title,
    date: `${t.year}-${String((t.id % 12) + 1).padStart(2, "0")}-${String((t.id % 28) + 1).padStart(2, "0")}`,
    overview: t.overview ?? "",
    imdb_id: t.imdb_id,
    tvdb_id: t.tvdb_id,
    number_of_seasons: t.number_of_seasons ?? undefined,
    seasons: t.seasons ?? undefined,
    genre_ids: t.genre_ids.length > 0 ? t.genre_ids : undefined,
    original_language: t.original_language ?? undefined,
    origin_country: t.origin_country,
    popularity: Math.round((1000 / (t.rank + 1)) * 1000) / 1000,
  }));
  const specials: FakeTitle[] = [
    { id: 900001, media_type: "movie", title: null, date: "", overview: "", imdb_id: null, poster_path: null, popularity: 0.6 },
    {
      id: 900002,
      media_type: "tv",
      title: "Brand New Show",
      date: "2026-10-01",
      overview: "A show too new for TheTVDB.",
      imdb_id: null,
      tvdb_id: null,
      number_of_seasons: 1,
      popularity: 3,
    },
    {
      id: 584,
      media_type: "movie",
      title: "2 Fast 2 Furious",
      date: "2003-06-05",
      overview: "A former cop goes undercover for customs in Miami.",
      imdb_id: "tt0322259",
      popularity: 40,
    },
    {
      id: 479455,
      media_type: "movie",
      title: "Men in Black: International",
      date: "2019-06-12",
      overview: "The agency's London branch hunts a mole.",
      imdb_id: "tt2283336",
      popularity: 35,
    },
    {
      id: 82728,
      media_type: "tv",
      title: "Bluey",
      date: "2018-10-01",
      overview: "A Blue Heeler puppy and her family play imaginative games.",
      imdb_id: "tt7678620",
      tvdb_id: 353546,
      number_of_seasons: 3,
      genre_ids: [16, 10762, 35],
      origin_country: ["AU"],
      popularity: 90,
    },
  ];
  const generated: FakeTitle[] = [];
  let n = 0;
  for (const noun of NOUNS) {
    for (const adj of ADJECTIVES) {
      const id = 910000 + n;
      generated.push({
        id,
        media_type: "movie",
        title: `The ${adj} ${noun}`,
        date: `${1980 + (n % 45)}-0${(n % 9) + 1}-1${n % 10}`,
        overview: `A generated film about a ${adj.toLowerCase()} ${noun.toLowerCase()}.`,
        imdb_id: `tt9${String(900000 + n).padStart(7, "0")}`,
        popularity: Math.round((5 - n / 60) * 1000) / 1000,
      });
      n++;
    }
  }
  const all = [...base, ...specials, ...generated];
  for (const t of extra) {
    const i = all.findIndex((x) => x.media_type === t.media_type && x.id === t.id);
    if (i >= 0) all[i] = t;
    else all.push(t);
  }
  return all
    .map((t) => ({
      ...t,
      poster_path: t.poster_path === undefined ? posterFor(t.media_type, t.id) : t.poster_path,
      popularity: t.popularity ?? 1,
      vote_average: t.vote_average ?? Math.round(((t.id % 50) / 10 + 4) * 10) / 10,
    }))
    .sort((a, b) => b.popularity! - a.popularity! || a.id - b.id);
}

const localise = (overview: string, language: string | undefined) =>
  language && !language.toLowerCase().startsWith("en") ? `[${language}] ${overview}` : overview;

const GENRE_NAMES: Record<number, string> = {
  16: "Animation",
  18: "Drama",
  35: "Comedy",
  10751: "Family",
  10759: "Action & Adventure",
  10762: "Kids",
  10765: "Sci-Fi & Fantasy",
};
const regionNames = new Intl.DisplayNames(["en"], { type: "region" });
const countryName = (code: string) => (code === "US" ? "United States of America" : (regionNames.of(code) ?? code));

const genreIdsOf = (t: FakeTitle) => t.genre_ids ?? [18];
const countriesOf = (t: FakeTitle) => t.origin_country ?? ["US"];

/** The season list `/tv/{id}` sends: TMDB always gives an episode count. */
const seasonsOf = (t: FakeTitle) =>
  t.seasons ?? Array.from({ length: t.number_of_seasons ?? 1 }, (_, i) => ({ season_number: i + 1, episode_count: 10 }));

function listItem(t: FakeTitle, language: string | undefined, withType: boolean): Record<string, unknown> {
  const common = {
    adult: false,
    backdrop_path: t.poster_path ? t.poster_path.replace(/^\/./, "/b") : null,
    genre_ids: genreIdsOf(t),
    id: t.id,
    original_language: t.original_language ?? "en",
    overview: localise(t.overview, language),
    popularity: t.popularity,
    poster_path: t.poster_path ?? null,
    vote_average: t.vote_average,
    vote_count: (t.id % 997) * 13,
  };
  const typed = withType ? { media_type: t.media_type } : {};
  if (t.media_type === "movie") {
    const titled = t.title === null ? {} : { title: t.title, original_title: t.original_title ?? t.title };
    return { ...common, ...typed, ...titled, release_date: t.date, video: false };
  }
  const named = t.title === null ? {} : { name: t.title, original_name: t.original_title ?? t.title };
  return { ...common, ...typed, ...named, first_air_date: t.date, origin_country: countriesOf(t) };
}

function details(t: FakeTitle, language: string | undefined, appendExternal: boolean): Record<string, unknown> {
  const base = listItem(t, language, false);
  delete base.genre_ids;
  const ext = externalIds(t);
  const genres = genreIdsOf(t).map((id) => ({ id, name: GENRE_NAMES[id] ?? "Drama" }));
  const production_countries = countriesOf(t).map((iso_3166_1) => ({ iso_3166_1, name: countryName(iso_3166_1) }));
  if (t.media_type === "movie") {
    return {
      ...base,
      belongs_to_collection: null,
      budget: 0,
      genres,
      homepage: "",
      imdb_id: t.imdb_id,
      origin_country: countriesOf(t),
      production_companies: [],
      production_countries,
      revenue: 0,
      runtime: 100 + (t.id % 60),
      spoken_languages: [{ english_name: "English", iso_639_1: "en", name: "English" }],
      status: "Released",
      tagline: "",
      ...(appendExternal ? { external_ids: ext } : {}),
    };
  }
  const seasons = seasonsOf(t);
  return {
    ...base,
    created_by: [],
    episode_run_time: [45],
    genres,
    in_production: false,
    last_air_date: t.date,
    number_of_episodes: seasons.reduce((sum, s) => sum + (s.season_number > 0 ? (s.episode_count ?? 10) : 0), 0),
    number_of_seasons: t.number_of_seasons ?? seasons.filter((s) => s.season_number > 0).length,
    production_countries,
    seasons: seasons.map((s) => ({
      air_date: s.season_number === 0 ? null : t.date,
      episode_count: s.episode_count ?? 10,
      id: t.id * 100 + s.season_number,
      name: s.season_number === 0 ? "Specials" : `Season ${s.season_number}`,
      overview: "",
      poster_path: null,
      season_number: s.season_number,
      vote_average: 0,
    })),
    status: "Ended",
    type: "Scripted",
    ...(appendExternal ? { external_ids: ext } : {}),
  };
}

function externalIds(t: FakeTitle): Record<string, unknown> {
  return t.media_type === "movie"
    ? { id: t.id, imdb_id: t.imdb_id, wikidata_id: null, facebook_id: null, instagram_id: null, twitter_id: null }
    : {
        id: t.id,
        imdb_id: t.imdb_id,
        freebase_mid: null,
        freebase_id: null,
        tvdb_id: t.tvdb_id ?? null,
        tvrage_id: null,
        wikidata_id: null,
        facebook_id: null,
        instagram_id: null,
        twitter_id: null,
      };
}

const personItem = (p: FakePerson, titles: Map<string, FakeTitle>, language: string | undefined) => ({
  adult: false,
  id: p.id,
  name: p.name,
  original_name: p.name,
  media_type: "person",
  popularity: 50,
  gender: 0,
  known_for_department: "Acting",
  profile_path: posterFor("person", p.id),
  known_for: p.known_for.flatMap((k) => {
    const t = titles.get(`${k.media_type}:${k.id}`);
    return t ? [listItem(t, language, true)] : [];
  }),
});

const TMDB_ERRORS: Record<number, { status_code: number; status_message: string }> = {
  401: { status_code: 7, status_message: "Invalid API key: You must be granted a valid key." },
  404: { status_code: 34, status_message: "The resource you requested could not be found." },
  429: { status_code: 25, status_message: "Your request count (41) is over the allowed limit of 40." },
  500: { status_code: 11, status_message: "Internal error: Something went wrong, contact TMDb." },
  503: { status_code: 9, status_message: "Service offline: This service is temporarily offline, try again later." },
};

const errorBody = (status: number) => ({
  success: false,
  ...(TMDB_ERRORS[status] ?? { status_code: 11, status_message: `Error ${status}` }),
});

export async function startTmdbFake(opts: TmdbFakeOptions = {}): Promise<TmdbFake> {
  const apiKey = opts.apiKey ?? "tmdb-fake-key";
  const pageSize = opts.pageSize ?? 20;
  let latency = opts.latencyMs ?? 0;
  const titles = buildCatalogue(opts.extraTitles ?? []);
  const byKey = new Map(titles.map((t) => [`${t.media_type}:${t.id}`, t]));
  const episodes = [...BUILTIN_EPISODES, ...(opts.episodes ?? [])];
  const calls: FakeCall[] = [];
  let failures: { match: string | RegExp; status: number; headers: Record<string, string>; body?: unknown; times: number }[] = [];
  let delays: { match: string | RegExp; ms: number; times: number }[] = [];
  let connections = 0;
  let inFlight = 0;
  let peak = 0;

  const matches = (m: string | RegExp, path: string) => (typeof m === "string" ? path.startsWith(m) : m.test(path));
  const take = <T extends { match: string | RegExp; times: number }>(list: T[], path: string): T | undefined => {
    const hit = list.find((f) => f.times > 0 && matches(f.match, path));
    if (hit) hit.times--;
    return hit;
  };

  function route(path: string, q: URLSearchParams): { status: number; body: unknown } {
    const language = q.get("language") ?? undefined;
    const page = q.has("page") ? Number(q.get("page")) : 1;
    const paged = (items: unknown[]) => {
      if (!Number.isInteger(page) || page < 1 || page > 500) {
        return {
          status: 400,
          body: {
            success: false,
            status_code: 22,
            status_message: "Invalid page: Pages start at 1 and max at 500. They are expected to be an integer.",
          },
        };
      }
      return {
        status: 200,
        body: {
          page,
          results: items.slice((page - 1) * pageSize, page * pageSize),
          total_pages: Math.max(1, Math.ceil(items.length / pageSize)),
          total_results: items.length,
        },
      };
    };

    let m: RegExpExecArray | null;
    if ((m = /^\/search\/(multi|movie|tv)$/.exec(path))) {
      const kind = m[1]!;
      const match = queryMatcher(q.get("query") ?? "");
      if (!match) return { status: 200, body: { page: 1, results: [], total_pages: 1, total_results: 0 } };
      const hits: unknown[] = titles
        .filter((t) => (kind === "multi" || t.media_type === kind) && match([t.title, t.original_title]))
        .map((t) => listItem(t, language, kind === "multi"));
      if (kind === "multi") {
        for (const p of PERSONS) if (match([p.name])) hits.push(personItem(p, byKey, language));
        for (const c of COLLECTIONS)
          if (match([c.title]))
            hits.push({
              id: c.id,
              media_type: "collection",
              title: c.title,
              original_title: c.title,
              adult: false,
              poster_path: posterFor("collection", c.id),
              overview: "",
            });
      }
      return paged(hits);
    }
    if ((m = /^\/(movie|tv)\/(\d+)(\/external_ids)?$/.exec(path))) {
      const t = byKey.get(`${m[1]}:${Number(m[2])}`);
      if (!t) return { status: 404, body: errorBody(404) };
      if (m[3]) return { status: 200, body: externalIds(t) };
      const append = (q.get("append_to_response") ?? "").split(",").includes("external_ids");
      return { status: 200, body: details(t, language, append) };
    }
    if ((m = /^\/find\/([^/]+)$/.exec(path))) {
      const id = decodeURIComponent(m[1]!);
      const source = q.get("external_source");
      if (source !== "imdb_id" && source !== "tvdb_id") {
        return {
          status: 400,
          body: { success: false, status_code: 5, status_message: "Invalid parameters: Your request parameters are incorrect." },
        };
      }
      const hit = (t: FakeTitle) => (source === "imdb_id" ? t.imdb_id === id : String(t.tvdb_id ?? "") === id);
      const eps = episodes.filter((e) => (source === "imdb_id" ? e.imdb_id === id : String(e.tvdb_id ?? "") === id));
      return {
        status: 200,
        body: {
          movie_results: titles.filter((t) => t.media_type === "movie" && hit(t)).map((t) => listItem(t, language, true)),
          person_results: [],
          tv_results: titles.filter((t) => t.media_type === "tv" && hit(t)).map((t) => listItem(t, language, true)),
          tv_episode_results: eps.map((e) => ({
            id: e.id,
            name: e.name,
            overview: "",
            media_type: "tv_episode",
            vote_average: 8,
            vote_count: 10,
            air_date: "2020-01-01",
            episode_number: e.episode_number,
            episode_type: "standard",
            production_code: "",
            runtime: 7,
            season_number: e.season_number,
            show_id: e.show_id,
            still_path: null,
          })),
          tv_season_results: [],
        },
      };
    }
    if ((m = /^\/trending\/(all|movie|tv|person)\/(day|week)$/.exec(path))) {
      const kind = m[1]!;
      // "day" is a different but still deterministic order than "week".
      const pool = m[2] === "day" ? [...titles].reverse() : titles;
      let items: unknown[];
      if (kind === "person") items = PERSONS.map((p) => personItem(p, byKey, language));
      else {
        items = pool.filter((t) => kind === "all" || t.media_type === kind).map((t) => listItem(t, language, true));
        if (kind === "all") PERSONS.forEach((p, i) => items.splice(3 + i * 7, 0, personItem(p, byKey, language)));
      }
      return paged(items);
    }
    return { status: 404, body: errorBody(404) };
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://tmdb.fake");
    // Accept both "/3/..." (a base URL ending in /3) and bare paths.
    const path = url.pathname.replace(/^\/3(?=\/)/, "");
    const query = Object.fromEntries([...url.searchParams].filter(([k]) => k !== "api_key"));
    const call: FakeCall = { method: req.method ?? "GET", path, query, status: 0 };
    calls.push(call);
    peak = Math.max(peak, ++inFlight);
    res.on("close", () => void inFlight--);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      const text = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json;charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
      res.end(text);
    };
    const delay = take(delays, path);
    const wait = latency + (delay?.ms ?? 0);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (res.destroyed) return;

    if (url.searchParams.get("api_key") !== apiKey) return send(401, errorBody(401));
    const fail = take(failures, path);
    if (fail) return send(fail.status, fail.body ?? errorBody(fail.status), fail.headers);
    if (req.method !== "GET") return send(405, { success: false, status_code: 3, status_message: "Method not allowed" });
    const { status, body } = route(path, url.searchParams);
    send(status, body);
  });
  server.on("connection", () => void connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/3`,
    apiKey,
    calls,
    callsTo: (prefix) => calls.filter((c) => c.path.startsWith(prefix)),
    connections: () => connections,
    maxInFlight: () => peak,
    failNext(path, status, headers = {}, o = {}) {
      failures.push({ match: path, status, headers, body: o.body, times: o.times ?? 1 });
    },
    delayNext(path, ms, times = 1) {
      delays.push({ match: path, ms, times });
    },
    setLatency(ms) {
      latency = ms;
    },
    reset() {
      calls.length = 0;
      peak = inFlight;
      failures = [];
      delays = [];
    },
    titles,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
