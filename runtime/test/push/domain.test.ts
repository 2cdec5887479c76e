import { describe, expect, it } from "vitest";
import { isPublicAddress } from "../../src/domain/push/ip-ranges.js";
import { localeFromAcceptLanguage, subscriptionLocale, supportedLocale } from "../../src/domain/push/locale.js";
import { buildFulfilmentPayload } from "../../src/domain/push/payload.js";
import { normaliseAuthSecret, normaliseP256dh } from "../../src/domain/push/subscription-keys.js";
import { vapidKeyId } from "../../src/domain/push/vapid-key-id.js";
import { createECDH, randomBytes } from "node:crypto";

describe("isPublicAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.255.254",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "100.127.255.255",
    "0.0.0.0",
    "224.0.0.1",
    "239.255.255.250",
    "255.255.255.255",
    "192.0.2.1",
    "::",
    "::1",
    "fe80::1",
    "febf::1",
    "fc00::1",
    "fd12:3456::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "::ffff:7f00:1",
    "::ffff:a9fe:a9fe",
    "64:ff9b::10.0.0.1",
    "::127.0.0.1",
    "[::1]",
    "2001:db8::1",
    "not-an-ip",
    "",
  ])("%s is not public", (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each([
    "1.1.1.1",
    "8.8.8.8",
    "172.15.255.255",
    "172.32.0.1",
    "100.63.255.255",
    "100.128.0.1",
    "192.169.0.1",
    "223.255.255.255",
    "2606:4700:4700::1111",
    "2a00:1450:4001:82a::200a",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
  ])("%s is public", (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });
});

describe("locales", () => {
  it("maps tags to the four supported languages", () => {
    expect(supportedLocale("fr-CA")).toBe("fr");
    expect(supportedLocale("DE")).toBe("de");
    expect(supportedLocale("es_MX")).toBe("es");
    expect(supportedLocale("it")).toBeNull();
    expect(supportedLocale("")).toBeNull();
    expect(supportedLocale("en-US; drop table")).toBeNull();
  });

  it("takes the first supported Accept-Language entry by preference", () => {
    expect(localeFromAcceptLanguage("it-IT,it;q=0.9,fr;q=0.8,en;q=0.7")).toBe("fr");
    expect(localeFromAcceptLanguage("en;q=0.5, de-AT;q=0.9")).toBe("de");
    expect(localeFromAcceptLanguage("es;q=0, fr")).toBe("fr");
    expect(localeFromAcceptLanguage("pt-BR")).toBeNull();
    expect(localeFromAcceptLanguage(null)).toBeNull();
  });

  it("prefers the body locale, then Accept-Language, then en", () => {
    expect(subscriptionLocale("de-DE", "fr")).toBe("de");
    expect(subscriptionLocale(undefined, "fr-FR,en;q=0.5")).toBe("fr");
    expect(subscriptionLocale("it", "es")).toBe("es");
    expect(subscriptionLocale(undefined, null)).toBe("en");
  });
});

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

describe("subscription keys and VAPID key id", () => {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const point = ecdh.getPublicKey();
  const auth = randomBytes(16);

  it("accepts url-safe and standard base64, with or without padding, and stores base64url", () => {
    expect(normaliseP256dh(point.toString("base64url"))).toBe(point.toString("base64url"));
    expect(normaliseP256dh(point.toString("base64"))).toBe(point.toString("base64url"));
    expect(normaliseAuthSecret(auth.toString("base64"))).toBe(auth.toString("base64url"));
  });

  it("refuses wrong lengths, compressed points and junk", () => {
    expect(normaliseP256dh(ecdh.getPublicKey("base64url", "compressed"))).toBeNull();
    expect(normaliseP256dh(randomBytes(65).fill(2, 0, 1).toString("base64url"))).toBeNull();
    expect(normaliseP256dh("not base64!")).toBeNull();
    expect(normaliseAuthSecret(randomBytes(32).toString("base64url"))).toBeNull();
  });

  it("derives a short stable id per VAPID key", () => {
    const a = vapidKeyId(point.toString("base64url"));
    expect(a).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(vapidKeyId(point.toString("base64url"))).toBe(a);
    const other = createECDH("prime256v1");
    other.generateKeys();
    expect(vapidKeyId(other.getPublicKey("base64url"))).not.toBe(a);
  });
});
