import { describe, expect, it } from "vitest";
import { buildFulfilmentPayload } from "../../../src/domain/push/payload.js";

describe("buildFulfilmentPayload", () => {
  const movie = {
    media_type: "movie" as const,
    tmdb_id: 603,
    title: "The Matrix",
    year: 1999,
    poster_path: "/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg",
  };

  it("builds the service-worker contract", () => {
    expect(buildFulfilmentPayload(movie, "en")).toEqual({
      title: "Movie available",
      body: "The Matrix (1999) is now in the library.",
      tag: "fulfilled-movie-603",
      url: "/requests?status=added&focus=movie-603",
      image: "https://image.tmdb.org/t/p/w500/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg",
      icon: "/icons/icon-192.png",
    });
  });

  it("is localised in es, fr and de, and falls back to en", () => {
    const show = { media_type: "tv" as const, tmdb_id: 1399, title: "Game of Thrones", year: null, poster_path: null };
    expect(buildFulfilmentPayload(show, "es")).toMatchObject({
      title: "Serie disponible",
      body: "Game of Thrones ya está en la biblioteca.",
    });
    expect(buildFulfilmentPayload(movie, "fr-FR")).toMatchObject({
      title: "Film disponible",
      body: "The Matrix (1999) est maintenant dans la bibliothèque.",
    });
    expect(buildFulfilmentPayload(show, "de")).toMatchObject({ title: "Serie verfügbar", tag: "fulfilled-tv-1399", image: null });
    expect(buildFulfilmentPayload(show, "ja")).toMatchObject({ title: "Show available" });
  });

  it("copes with a missing title and refuses odd poster paths", () => {
    const p = buildFulfilmentPayload({ ...movie, title: null, poster_path: "//evil.example/x.jpg" }, "en");
    expect(p.body).toBe("Your request is now in the library.");
    expect(p.image).toBeNull();
    const long = buildFulfilmentPayload({ ...movie, title: "x".repeat(5000) }, "en");
    expect(long.body.length).toBeLessThan(300);
  });
});
