/** The Jellyfin and Emby fakes speak and fail like the real servers (the client suite relies on it). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbyFake } from "@stellarr/testkit/fakes/emby";
import { startJellyfinFake, type MediaServerFake } from "@stellarr/testkit/fakes/jellyfin";

const libraries = () => [
  {
    Name: "Movies",
    CollectionType: "movies",
    items: [
      { Name: "The Matrix", Type: "Movie", ProductionYear: 1999, ProviderIds: { Tmdb: "603", Imdb: "tt0133093" } },
      { Name: "Trailer", Type: "Trailer" },
    ],
  },
  { Name: "Mixed", items: [{ Name: "Bluey", Type: "Series", ProviderIds: { Tvdb: "353546" } }] },
];

async function get(fake: MediaServerFake, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${fake.url}${path}`, { headers });
  const text = await res.text();
  return { status: res.status, text, json: text.startsWith("{") ? (JSON.parse(text) as Record<string, any>) : null };
}

describe("Jellyfin fake (Jellyfin 12 auth: legacy forms off)", () => {
  let fake: MediaServerFake;
  beforeAll(async () => (fake = await startJellyfinFake({ libraries: libraries() })));
  afterAll(() => fake.close());
  const mb = (token: string) => ({ Authorization: `MediaBrowser Client="t", Device="d", DeviceId="x", Version="1", Token="${token}"` });

  it("accepts the MediaBrowser Authorization header and ?ApiKey=; refuses everything else with an empty 401", async () => {
    expect((await get(fake, "/System/Info", mb(fake.apiKey))).status).toBe(200);
    expect((await get(fake, `/System/Info?ApiKey=${fake.apiKey}`)).status).toBe(200);
    for (const headers of <Record<string, string>[]>[
      {},
      mb("wrong"),
      { "X-Emby-Token": fake.apiKey },
      { "X-MediaBrowser-Token": fake.apiKey },
      { Authorization: `Emby Token="${fake.apiKey}"` },
    ]) {
      expect(await get(fake, "/System/Info", headers)).toMatchObject({ status: 401, text: "" });
    }
    expect((await get(fake, `/System/Info?api_key=${fake.apiKey}`)).status).toBe(401);
    expect(fake.calls.at(-1)).toMatchObject({ status: 401, auth: null });
  });

  it("public info without auth; routes and query names without case; no /emby prefix", async () => {
    expect((await get(fake, "/System/Info/Public")).json).toMatchObject({
      ServerName: "Fake Jellyfin",
      Id: fake.serverId,
      ProductName: "Jellyfin Server",
    });
    expect((await get(fake, "/system/info", mb(fake.apiKey))).status).toBe(200);
    expect((await get(fake, "/emby/System/Info/Public")).status).toBe(404);
    const folders = (await get(fake, "/Library/MediaFolders", mb(fake.apiKey))).json!;
    expect(folders).toMatchObject({ TotalRecordCount: 2, StartIndex: 0 });
    expect(folders.Items[0]).toMatchObject({
      Name: "Movies",
      Type: "CollectionFolder",
      CollectionType: "movies",
      Id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(folders.Items[1]).not.toHaveProperty("CollectionType");
  });

  it("/Items: ProviderIds only with Fields=ProviderIds; IncludeItemTypes filters; paging; bad numbers are 400", async () => {
    const [movies] = fake.libraries;
    const plain = (await get(fake, `/Items?ParentId=${movies!.Id}&Recursive=true`, mb(fake.apiKey))).json!;
    expect(plain).toMatchObject({ TotalRecordCount: 2, StartIndex: 0 });
    expect(plain.Items[0]).not.toHaveProperty("ProviderIds");
    const withIds = (
      await get(fake, `/items?parentid=${movies!.Id}&includeItemTypes=movie&fields=ProviderIds&startIndex=0&limit=1`, mb(fake.apiKey))
    ).json!;
    expect(withIds).toMatchObject({
      TotalRecordCount: 1,
      Items: [{ Name: "The Matrix", Type: "Movie", ProductionYear: 1999, ProviderIds: { Tmdb: "603", Imdb: "tt0133093" } }],
    });
    const all = (await get(fake, "/Items?IncludeItemTypes=Movie,Series&Limit=0", mb(fake.apiKey))).json!;
    expect(all).toMatchObject({ TotalRecordCount: 2, Items: [] });
    expect((await get(fake, "/Items?StartIndex=abc", mb(fake.apiKey))).status).toBe(400);
  });
});

describe("Jellyfin fake with legacy authorization (Jellyfin 10.11's default)", () => {
  it("also accepts X-Emby-Token, X-MediaBrowser-Token, X-Emby-Authorization and ?api_key=", async () => {
    const fake = await startJellyfinFake({ libraries: [], legacyAuthorization: true });
    try {
      for (const headers of <Record<string, string>[]>[
        { "X-Emby-Token": fake.apiKey },
        { "X-MediaBrowser-Token": fake.apiKey },
        { "X-Emby-Authorization": `Emby Token="${fake.apiKey}"` },
      ]) {
        expect((await get(fake, "/System/Info", headers)).status).toBe(200);
      }
      expect((await get(fake, `/System/Info?api_key=${fake.apiKey}`)).status).toBe(200);
      expect((await get(fake, "/System/Info", { "X-Emby-Token": "wrong" })).status).toBe(401);
    } finally {
      await fake.close();
    }
  });
});

describe("Emby fake", () => {
  let fake: MediaServerFake;
  beforeAll(async () => (fake = await startEmbyFake({ libraries: libraries() })));
  afterAll(() => fake.close());

  it("every token form; /emby/ prefix or none; numeric ids; a text 401", async () => {
    for (const [path, headers] of [
      ["/System/Info", { "X-Emby-Token": fake.apiKey }],
      ["/emby/System/Info", { "X-Emby-Token": fake.apiKey }],
      [`/emby/System/Info?api_key=${fake.apiKey}`, {}],
      ["/System/Info", { "X-Emby-Authorization": `Emby UserId="", Client="t", Token="${fake.apiKey}"` }],
      ["/System/Info", { Authorization: `MediaBrowser Token="${fake.apiKey}"` }],
    ] as const) {
      expect((await get(fake, path, headers)).status).toBe(200);
    }
    expect(await get(fake, "/emby/System/Info", { "X-Emby-Token": "wrong" })).toMatchObject({
      status: 401,
      text: "Access token is invalid or expired.",
    });
    const folders = (await get(fake, "/emby/Library/MediaFolders", { "X-Emby-Token": fake.apiKey })).json!;
    expect(folders.Items[0].Id).toMatch(/^\d+$/);
    expect(fake.count("/Library/MediaFolders")).toBe(1);
  });
});
