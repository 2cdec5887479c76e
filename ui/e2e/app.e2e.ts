/**
 * Every flow of the UI in Debian Chromium against the real embedded server (SQLite, TMDB fake).
 * Each test gets a fresh browser context; any console error it did not announce fails it.
 * Screenshots of the main screens land in ui/e2e/screenshots/ (git-ignored).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContextOptions, Page } from "playwright-core";
import { sonarrList, sonarrMonitoredSeasons, sonarrWouldAdd } from "@stellarr/testkit/arr/sonarr";
import { login, openPage, shot, skipReason, startStage, type Stage, type WatchedPage } from "./harness.js";

const reason = skipReason();

describe.skipIf(reason !== null)("Stellarr in Chromium", () => {
  let stage: Stage;
  let current: WatchedPage | null = null;

  beforeAll(async () => {
    stage = await startStage();
  });
  afterAll(async () => {
    await stage?.close();
  });
  afterEach(async () => {
    const problems = current?.unexpected() ?? [];
    await current?.close();
    current = null;
    expect(problems, "console errors").toEqual([]);
  });

  async function open(options: BrowserContextOptions = {}): Promise<WatchedPage> {
    current = await openPage(stage, options);
    return current;
  }

  const cardTitles = (page: Page) => page.locator("article h2").allTextContents();
  const token = (page: Page) =>
    page.evaluate(() => (JSON.parse(localStorage.getItem("stellarr.session") ?? "{}") as { token?: string }).token ?? "");
  async function signIn(page: Page, name = "alice"): Promise<void> {
    await login(page, name);
    await page.getByRole("heading", { name: "Trending this week" }).waitFor();
    await page.locator("article").first().waitFor();
    await gridComplete(page);
  }
  // The grid is built a few cards per task (aria-busy meanwhile): wait for all of them.
  const gridComplete = (page: Page) => page.locator('ul.grid[aria-busy="false"]').waitFor();

  it("refuses a wrong password in the user's words, then signs in", async () => {
    const { page, expectConsoleError } = await open();
    expectConsoleError(/status of 401/);
    await page.goto("/");
    await page.waitForURL("**/login");
    await shot(page, "login");
    await login(page, "alice", "not-the-password");
    await page.getByRole("alert").filter({ hasText: "Wrong password." }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem("stellarr.session"))).toBeNull();

    await login(page, "alice");
    await page.getByRole("heading", { name: "Trending this week" }).waitFor();
    await page.getByText("Welcome, alice!").waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
  });

  it("shows trending with All / Movies / TV tabs and desktop pages", async () => {
    const { page } = await open();
    await signIn(page);
    expect(await page.locator("article").count()).toBe(20);
    await page.getByText("Page 1 of 2").waitFor();
    await shot(page, "home");
    const first = await cardTitles(page);
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByText("Page 2 of 2").waitFor();
    expect(await cardTitles(page)).not.toEqual(first);

    for (const [tab, badge] of [
      ["TV shows", "TV"],
      ["Movies", "Movie"],
    ] as const) {
      await page.getByRole("button", { name: tab, exact: true }).click();
      await page.waitForFunction((want) => {
        const badges = [...document.querySelectorAll("article .badge-accent")].map((b) => b.textContent?.trim());
        return badges.length > 0 && badges.every((b) => b === want);
      }, badge);
      expect(await page.getByRole("button", { name: tab, exact: true }).getAttribute("aria-pressed")).toBe("true");
    }
  });

  it("searches with debounce and pages through further TMDB pages", async () => {
    const { page } = await open();
    await signIn(page);
    const before = stage.tmdb.callsTo("/search/").length;
    await page.getByLabel("Search movies and TV shows").pressSequentially("the", { delay: 30 });
    await page.getByRole("heading", { name: "Results" }).waitFor();
    await page.getByText(/^Page 1 of \d+$/).waitFor();
    // One search for the whole word, not one per keystroke.
    expect(stage.tmdb.callsTo("/search/").length - before).toBe(1);
    const page1 = await cardTitles(page);
    expect(page1.length).toBeGreaterThan(0);
    await shot(page, "search");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByText(/^Page 2 of \d+$/).waitFor();
    await page.waitForFunction((old) => [...document.querySelectorAll("article h2")].map((h) => h.textContent)[0] !== old, page1[0]);
    expect(stage.tmdb.callsTo("/search/").some((c) => c.query.page === "2")).toBe(true);
  });

  it("requests a title at once, and reverts with an error toast when the server fails", async () => {
    const { page, expectConsoleError } = await open();
    expectConsoleError(/status of 502/);
    await signIn(page);
    await page.getByRole("button", { name: "Movies", exact: true }).click();
    await page.getByLabel("Search movies and TV shows").fill("the silent");
    await page.getByRole("heading", { name: "Results" }).waitFor();
    await page.locator("article").nth(1).waitFor();

    const firstTitle = (await page.locator("article h2").first().textContent())!.trim();
    await page.getByRole("button", { name: `Request ${firstTitle}` }).click();
    await page.getByText(`${firstTitle} was requested.`).waitFor();
    await page.locator("article").first().getByRole("button", { name: "Requested" }).waitFor();

    const second = page.locator("article").nth(1);
    const secondTitle = (await second.locator("h2").textContent())!.trim();
    const id = (await second.locator("h2").getAttribute("id"))!.replace("title-movie-", "");
    stage.tmdb.failNext(`/movie/${id}`, 500, {}, { times: 10 });
    await second.getByRole("button", { name: `Request ${secondTitle}` }).click();
    await page.getByText(`${secondTitle} could not be requested.`, { exact: false }).waitFor();
    await second.getByRole("button", { name: `Request ${secondTitle}` }).waitFor();
    expect(await second.getByRole("button", { name: "Requested" }).count()).toBe(0);
    stage.tmdb.reset();
  });

  it("requests chosen seasons in 4K, shows them on the requests page, and Sonarr's list sees exactly those seasons", async () => {
    const { page } = await open();
    await signIn(page);
    await page.getByLabel("Search movies and TV shows").fill("Breaking Bad");
    await page.getByRole("heading", { name: "Results" }).waitFor();
    const card = page.locator("article", { has: page.locator("#title-tv-1396") });
    await card.getByRole("button", { name: "Choose seasons and profile for Breaking Bad" }).click();
    const dialog = page.getByRole("dialog", { name: "Request Breaking Bad" });
    await dialog.getByLabel("4K").check();
    await dialog.getByLabel("Choose seasons").check();
    // Exactly the seasons TMDB lists (the search result's season_numbers), specials first.
    expect(await dialog.getByRole("checkbox").evaluateAll((boxes) => boxes.map((b) => b.parentElement!.textContent!.trim()))).toEqual([
      "Specials",
      "Season 1",
      "Season 2",
      "Season 3",
      "Season 4",
      "Season 5",
    ]);
    await dialog.getByLabel("Season 2").check();
    await dialog.getByLabel("Season 3").check();
    await shot(page, "request-options");
    await dialog.getByRole("button", { name: "Request", exact: true }).click();
    await page.getByText("Breaking Bad was requested.").waitFor();
    await card.getByRole("button", { name: "Requested" }).waitFor();

    await page.getByRole("link", { name: "Requests" }).first().click();
    await page.locator("#request-tv-1396").getByText("Seasons 2, 3 · 4K").waitFor();

    // Sonarr's "Sonarr" list against the running server (FEED_TOKEN unset here: any key passes).
    const sonarr = sonarrList({ baseUrl: `${stage.baseUrl}/arr/sonarr`, apiKey: "any", syncSeasonMonitoring: true, profileIds: [2] });
    expect(await sonarr.test()).toBeNull();
    const fetched = await sonarr.fetch();
    expect(fetched.violations).toEqual([]);
    const bb = sonarrWouldAdd(fetched).find((a) => a.tvdbId === 81189);
    expect(bb).toMatchObject({ addMonitor: "skip" });
    expect(sonarrMonitoredSeasons(bb!.seasons, [0, 1, 2, 3, 4, 5])).toEqual([2, 3]);
    // Leave the request list as the next test expects it.
    await fetch(`${stage.baseUrl}/api/request/tv/1396`, { method: "DELETE", headers: { authorization: `Bearer ${await token(page)}` } });
  });

  it("lists requests with filters and removes one after confirmation", async () => {
    const { page } = await open();
    await signIn(page, "bob");
    await page.getByRole("button", { name: "TV shows", exact: true }).click();
    await page.locator("article .badge-accent", { hasText: "TV" }).first().waitFor();
    const show = (await page.locator("article h2").first().textContent())!.trim();
    await page.getByRole("button", { name: `Request ${show}` }).click();
    await page.getByText(`${show} was requested.`).waitFor();

    await page.getByRole("link", { name: "Requests" }).click();
    await page.getByRole("heading", { name: "Requests" }).waitFor();
    const card = page.locator("article", { hasText: show });
    await card.waitFor();
    expect(await card.textContent()).toContain("bob ·");
    await shot(page, "requests");

    await page.getByRole("button", { name: /^Added/ }).click();
    await page.waitForURL(/status=added/);
    await page.locator("article", { hasText: show }).waitFor({ state: "detached" });
    await page.getByRole("button", { name: /^Pending/ }).click();
    await page.locator("article", { hasText: show }).waitFor();

    await page.getByRole("button", { name: `Remove request for ${show}` }).click();
    const dialog = page.getByRole("dialog", { name: "Remove request?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Remove" }).click();
    await page.getByText(`${show} was removed.`).waitFor();
    expect(await page.locator("article", { hasText: show }).count()).toBe(0);
    // The server agrees.
    const res = await fetch(`${stage.baseUrl}/api/requests?media_type=tv`, { headers: { authorization: `Bearer ${await token(page)}` } });
    const body = (await res.json()) as { requests: { title: string }[] };
    expect(body.requests.map((r) => r.title)).not.toContain(show);
  });

  it("follows someone else's request (Notify me too) from its card, the duplicate's toast and the requests page, and manages a notification channel", async () => {
    const { page, expectConsoleError } = await open({ permissions: ["clipboard-read", "clipboard-write"] });
    // The duplicate request below is answered 409, which Chromium logs.
    expectConsoleError(/status of 409/);
    // dave requests a movie (through the API), then erin signs in on the same browser.
    await signIn(page, "dave");
    const trending = (await fetch(`${stage.baseUrl}/trending-movie-en.json`).then((r) => r.json())) as {
      results: { id: number; title: string }[];
    };
    const [movie, later] = [trending.results.at(-1)!, trending.results.at(-2)!];
    const daveToken = await token(page);
    const requestAs = (bearer: string, id: number) =>
      fetch(`${stage.baseUrl}/api/request`, {
        method: "POST",
        headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
        body: JSON.stringify({ tmdb_id: id, media_type: "movie" }),
      });
    expect((await requestAs(daveToken, movie.id)).status).toBe(201);
    await page.getByRole("button", { name: /^Log out/ }).click();
    await page.getByLabel("Your name").waitFor();
    await signIn(page, "erin");

    // Discover: dave's title offers "Notify me too" instead of a dead "Requested".
    const findCard = async (title: string) => {
      await page.getByRole("button", { name: "Movies", exact: true }).click();
      await page.getByLabel("Search movies and TV shows").fill(title);
      await page.getByRole("heading", { name: "Results" }).waitFor();
      const found = page.locator("article", { has: page.getByRole("heading", { name: title, exact: true }) }).first();
      await found.waitFor();
      return found;
    };
    let discover = await findCard(movie.title);
    await discover.locator(".badges", { hasText: "Requested" }).waitFor();
    await discover.getByRole("button", { name: `Notify me too when ${movie.title} arrives` }).click();
    await discover.getByText("You will be notified too.").waitFor();
    await discover.getByRole("button", { name: `Stop notifying me about ${movie.title}` }).waitFor();
    await shot(page, "notify-me-too");

    // Requested by dave after erin's badges were loaded: Request answers 409, and its toast offers to follow.
    expect((await requestAs(daveToken, later.id)).status).toBe(201);
    const stale = await findCard(later.title);
    await stale.getByRole("button", { name: `Request ${later.title}` }).click();
    const offer = page.locator(".toast", { hasText: "This title has already been requested." });
    await offer.getByRole("button", { name: "Notify me too" }).click();
    await page.getByText(`You will be notified when ${later.title} arrives.`).waitFor();
    await stale.getByRole("button", { name: `Stop notifying me about ${later.title}` }).waitFor();

    // The requests page shows erin among the followers; stopping there is seen on Discover too.
    await page.getByRole("link", { name: "Requests" }).click();
    await page.getByRole("heading", { name: "Requests" }).waitFor();
    const card = page.locator("article", { hasText: movie.title });
    await card.getByText("Also notifying: erin").waitFor();
    // The server agrees, and a duplicate request now points at the follow route.
    const again = await requestAs(await token(page), movie.id);
    expect(((await again.json()) as { follow_url: string }).follow_url).toBe(`/api/request/movie/${movie.id}/follow`);
    await card.getByRole("button", { name: "Stop notifying me" }).click();
    await card.getByRole("button", { name: "Notify me too" }).waitFor();
    expect(await card.getByText("Also notifying").count()).toBe(0);
    await card.getByRole("button", { name: "Notify me too" }).click();
    await card.getByText("Also notifying: erin").waitFor();
    await card.getByRole("button", { name: "Stop notifying me" }).click();
    await card.getByRole("button", { name: "Notify me too" }).waitFor();
    await page.getByRole("link", { name: "Discover" }).click();
    discover = await findCard(movie.title);
    await discover.getByRole("button", { name: `Notify me too when ${movie.title} arrives` }).waitFor();
    expect(await discover.getByText("You will be notified too.").count()).toBe(0);

    // Channels: add a webhook (the secret is generated and shown once), test it (nothing listens), remove it.
    await page.getByRole("link", { name: "Channels" }).click();
    await page.getByRole("heading", { name: "Notification channels" }).waitFor();
    await page.getByLabel("Type").selectOption("webhook");
    await page.getByLabel("URL", { exact: true }).fill("https://127.0.0.1:9/stellarr-hook");
    await page.getByRole("button", { name: "Add channel" }).click();
    await page.getByText("Channel added.").waitFor();
    const secret = (await page.getByTestId("generated-secret").textContent())!.trim();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await page.getByRole("button", { name: "Copy" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await page.getByRole("button", { name: "Send a test" }).click();
    await page.getByText(/Last delivery .*: failed/).waitFor();
    await shot(page, "channels");
    await page.getByRole("button", { name: /^Remove 127\.0\.0\.1:9/ }).click();
    await page.getByText("No channels yet.").waitFor();
  });

  it("shows feed URLs with working copy buttons and returns focus on Escape", async () => {
    const { page } = await open({ permissions: ["clipboard-read", "clipboard-write"] });
    await signIn(page);
    await page.getByRole("button", { name: "Feed URLs" }).click();
    const dialog = page.getByRole("dialog", { name: "Feed URLs" });
    await dialog.getByText("Careful with “Clean Library”").waitFor();
    const copyButtons = dialog.getByRole("button", { name: /^Copy the URL of / });
    await copyButtons.first().waitFor();
    // The two instance lists first (with their API key), then the three feeds.
    expect(await copyButtons.count()).toBe(5);
    expect(await dialog.getByRole("button", { name: /^Copy the API key of / }).count()).toBe(2);
    await shot(page, "feeds");
    const url = await dialog.locator("input").first().inputValue();
    expect(url).toBe(`${stage.baseUrl}/arr/radarr`);
    await copyButtons.first().click();
    await page.getByText("URL copied.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe("feeds-button");
  });

  it("switches language, follows it in <html lang> and the trending file, and remembers it", async () => {
    const { page } = await open();
    await signIn(page);
    const trendingFr = page.waitForResponse((r) => r.url().endsWith("/trending-all-fr.json"));
    await page.getByLabel("Language").selectOption("fr");
    await page.getByRole("heading", { name: "Tendances de la semaine" }).waitFor();
    expect((await trendingFr).status()).toBe(200);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");
    await page.reload();
    await page.getByRole("heading", { name: "Tendances de la semaine" }).waitFor();
    await page.getByText("Ce produit utilise l'API TMDB").waitFor();
    await shot(page, "home-fr");
  });

  it("scrolls infinitely on a 390×844 phone, loading more trending items and search pages", async () => {
    const { page } = await open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await signIn(page);
    expect(await page.locator("article").count()).toBe(20);
    expect(await page.getByText(/^Page \d+ of/).count()).toBe(0);
    await shot(page, "mobile-home");
    await page.locator("article").last().scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelectorAll("article").length > 20);

    await page.getByLabel("Search movies and TV shows").fill("the");
    await page.getByRole("heading", { name: "Results" }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll("article").length === 20);
    await page.locator("article").last().scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelectorAll("article").length > 20);
    expect(stage.tmdb.callsTo("/search/").some((c) => c.query.page === "2")).toBe(true);

    // The narrowest supported phone: nothing may overflow sideways.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(page, "mobile-360-search");
  });

  it("turns push on and off (browser and server), displays a pushed message", async () => {
    const device = stage.pushService.subscribe();
    const { page, context } = await open({ permissions: ["notifications"] });
    // Chromium's real pushManager needs Google's push service: hand out the push fake's endpoint instead.
    await context.addInitScript((sub: { endpoint: string; keys: { p256dh: string; auth: string } }) => {
      const bytes = (s: string): ArrayBuffer => {
        const bin = atob(
          s
            .replace(/-/g, "+")
            .replace(/_/g, "/")
            .padEnd(Math.ceil(s.length / 4) * 4, "="),
        );
        return Uint8Array.from(bin, (c) => c.charCodeAt(0)).buffer;
      };
      // Kept in sessionStorage so the subscription survives a reload, like a real one.
      const KEY = "e2e-push-application-server-key";
      const toB64 = (buf: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(buf)));
      const make = (key: ArrayBuffer) => ({
        endpoint: sub.endpoint,
        expirationTime: null,
        options: { applicationServerKey: key, userVisibleOnly: true },
        getKey: (name: string) => bytes(name === "auth" ? sub.keys.auth : sub.keys.p256dh),
        unsubscribe: async () => (sessionStorage.removeItem(KEY), true),
        toJSON: () => ({ endpoint: sub.endpoint, keys: sub.keys }),
      });
      PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
        const key = options?.applicationServerKey as Uint8Array;
        const buffer = key.buffer.slice(key.byteOffset, key.byteOffset + key.byteLength) as ArrayBuffer;
        sessionStorage.setItem(KEY, toB64(buffer));
        return make(buffer) as unknown as PushSubscription;
      };
      PushManager.prototype.getSubscription = async function () {
        const stored = sessionStorage.getItem(KEY);
        return stored ? (make(bytes(stored)) as unknown as PushSubscription) : null;
      };
    }, device);
    await signIn(page);
    const bell = page.getByTestId("push-toggle");
    await page.locator("[data-testid=push-toggle][data-state=off]").waitFor();
    await bell.click();
    const dialog = page.getByRole("dialog", { name: "Turn on notifications?" });
    await dialog.waitFor();
    await shot(page, "push-dialog");
    await dialog.getByRole("button", { name: "Enable" }).click();
    await page.locator("[data-testid=push-toggle][data-state=on]").waitFor();
    await page.getByText("Notifications are on for this device.").waitFor();

    const status = async () =>
      (await (
        await fetch(`${stage.baseUrl}/api/push/status?endpoint=${encodeURIComponent(device.endpoint)}`, {
          headers: { authorization: `Bearer ${await token(page)}` },
        })
      ).json()) as { subscribed: boolean };
    expect((await status()).subscribed).toBe(true);

    // A returning, signed-in visitor: the toggle asks before the worker registers (after `load`) and still says on.
    await page.reload();
    await page.locator("[data-testid=push-toggle][data-state=on]").waitFor();

    // Deliver a push to the service worker and check the notification it shows.
    const cdp = await context.newCDPSession(page);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        (event: { registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] }) => {
          const found = event.registrations.find((r) => r.scopeURL === `${stage.baseUrl}/` && !r.isDeleted);
          if (found) resolve(found.registrationId);
        },
      );
    });
    await cdp.send("ServiceWorker.enable");
    const payload = {
      title: "Movie available",
      body: "The Matrix is now in the library",
      tag: "fulfilled-movie-603",
      url: "/requests?status=added&focus=movie-603",
    };
    await cdp.send("ServiceWorker.deliverPushMessage", {
      origin: stage.baseUrl,
      registrationId: await registrationId,
      data: JSON.stringify(payload),
    });
    const notifications = () =>
      page.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready;
        const list = await reg.getNotifications();
        return list.map((n) => ({ title: n.title, body: n.body, tag: n.tag, url: (n.data as { url?: string }).url }));
      });
    await expect
      .poll(notifications, { timeout: 15_000, interval: 200 })
      .toEqual([{ title: payload.title, body: payload.body, tag: payload.tag, url: payload.url }]);

    await bell.click();
    await page.getByRole("dialog", { name: "Turn off notifications?" }).getByRole("button", { name: "Disable" }).click();
    await page.locator("[data-testid=push-toggle][data-state=off]").waitFor();
    expect((await status()).subscribed).toBe(false);
  });

  it("shows push as blocked when the permission is denied", async () => {
    const { page } = await open();
    await signIn(page);
    await page.evaluate(() => {
      Object.defineProperty(Notification, "permission", { get: () => "denied", configurable: true });
    });
    const bell = page.getByTestId("push-toggle");
    await bell.waitFor();
    const state = await bell.getAttribute("data-state");
    if (state === "off") {
      await bell.click();
      await page.getByRole("dialog", { name: "Turn on notifications?" }).getByRole("button", { name: "Enable" }).click();
    }
    await page.locator("[data-testid=push-toggle][data-state=blocked]").waitFor();
    expect(await bell.getAttribute("aria-disabled")).toBe("true");
  });

  // Where each item of the header bar is, and whether it shows: the same before and after must mean an unchanged header.
  const headerLayout = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll("header .bar > *, header .nav > *, header .tools > *")].map((el) => {
        const r = el.getBoundingClientRect();
        return `${el.tagName}.${el.className} ${r.x},${r.y},${r.width},${r.height} ${getComputedStyle(el).visibility}`;
      }),
    );

  it("tells the user when offline: a banner, Request disabled with the reason, the header unchanged, and recovery", async () => {
    const { page, context } = await open();
    await signIn(page);
    await page.locator("[data-testid=push-toggle][data-state=off]").waitFor();
    const header = await headerLayout(page);
    const card = page.locator("article").first();
    const title = (await card.locator("h2").textContent())!.trim();
    const request = card.getByRole("button", { name: `Request ${title}` });
    expect(await request.isEnabled()).toBe(true);

    await context.setOffline(true);
    const banner = page.getByTestId("offline-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toContain("You are offline. Showing what is available.");
    await page.waitForFunction(() => document.querySelector("article button.btn-primary")?.hasAttribute("disabled"));
    expect(await request.getAttribute("title")).toBe("Requests can be made again once you are back online.");
    expect(await request.getAttribute("aria-describedby")).toBe("offline-banner");
    // The bell stays where it was, disabled with its reason; nothing else in the header moved.
    const bell = page.locator("[data-testid=push-toggle][data-state=offline]");
    await bell.waitFor();
    expect(await bell.isVisible()).toBe(true);
    expect(await bell.getAttribute("aria-label")).toBe("Notifications cannot be changed while offline.");
    expect(await headerLayout(page)).toEqual(header);
    // The banner takes room under the header bar: it covers no card.
    const bannerBox = (await banner.boundingBox())!;
    expect(bannerBox.y + bannerBox.height).toBeLessThanOrEqual((await card.boundingBox())!.y);
    await shot(page, "offline-banner");

    await context.setOffline(false);
    await banner.waitFor({ state: "detached" });
    await page.getByText("You are back online.").waitFor();
    await page.locator("[data-testid=push-toggle][data-state=off]").waitFor();
    expect(await headerLayout(page)).toEqual(header);
    await request.click();
    await page.getByText(`${title} was requested.`).waitFor();
  });

  it("polish: header labels from 768 px, focus on the heading after sign-in and each page change, toasts above the content", async () => {
    const { page, context } = await open({ viewport: { width: 768, height: 900 } });
    // Placeholder cards while the trending file is on its way. Held on the context: once the service
    // worker controls the page it fetches trending files itself, and only the context sees those.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route("**/trending-all-en.json", async (route) => {
      await held;
      await route.continue();
    });
    await login(page, "carol");
    await page.getByTestId("skeletons").waitFor();
    expect(await page.locator("article").count()).toBe(0);

    // Signed in: focus is on the page's heading, the welcome toast sits above the content, not over it.
    const toast = page.getByText("Welcome, carol!");
    await toast.waitFor();
    const toastBox = (await toast.boundingBox())!;
    const searchBox = (await page.getByLabel("Search movies and TV shows").boundingBox())!;
    expect(toastBox.y + toastBox.height).toBeLessThanOrEqual(searchBox.y);
    await page.waitForFunction(() => document.activeElement?.textContent === "Trending this week");

    release();
    await page.locator("article").first().waitFor();
    await gridComplete(page);
    expect(await page.getByTestId("skeletons").count()).toBe(0);

    // 768 px: the nav links show their labels; the Requests icon is not three lines (a menu).
    for (const name of ["Discover", "Requests"]) expect(await page.locator(".nav-link .label", { hasText: name }).isVisible()).toBe(true);
    expect(await page.locator(".nav-link", { hasText: "Requests" }).locator("rect").count()).toBe(1);

    // Titles take two lines before they are cut.
    expect(
      await page
        .locator("article h2")
        .first()
        .evaluate((h) => getComputedStyle(h).webkitLineClamp),
    ).toBe("2");

    // Trending TV shows carry their season count (from the warmer).
    await page.getByRole("button", { name: "TV shows", exact: true }).click();
    await page.locator("article .badge-accent", { hasText: "TV" }).first().waitFor();
    await page
      .locator("article", { hasText: /\d+ seasons?/ })
      .first()
      .waitFor();

    // A primary button shows a ring set off from it when reached with the keyboard (Tab from the tabs).
    await page.getByRole("button", { name: "TV shows", exact: true }).focus();
    await page.keyboard.press("Tab");
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return {
        primary: el.classList.contains("btn-primary"),
        focused: el.matches(":focus-visible"),
        style: s.outlineStyle,
        width: s.outlineWidth,
        offset: s.outlineOffset,
      };
    });
    expect(ring).toEqual({ primary: true, focused: true, style: "solid", width: "3px", offset: "2px" });

    // Another page: the old page's toast is gone and focus is on the new heading.
    const show = (await page.locator("article h2").first().textContent())!.trim();
    await page.getByRole("button", { name: `Request ${show}` }).click();
    await page.getByText(`${show} was requested.`).waitFor();
    await page.getByRole("link", { name: "Requests" }).click();
    await page.getByRole("heading", { name: "Requests" }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === "H1" && document.activeElement.textContent === "Requests");
    expect(await page.getByText(`${show} was requested.`).count()).toBe(0);

    // Below 768 px the nav is icons only (with their accessible names).
    await page.setViewportSize({ width: 767, height: 900 });
    expect(await page.locator(".nav-link .label", { hasText: "Requests" }).isVisible()).toBe(false);
    await page.getByRole("link", { name: "Requests" }).waitFor();
  });

  it("reloads the app shell offline from the service worker (last: stops the server)", async () => {
    const { page, expectConsoleError } = await open();
    await signIn(page);
    // The first visit installs the worker (precaching the shell); the second goes through it,
    // which also keeps the last trending file for offline use.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.reload();
    await page.locator("article").first().waitFor();
    const cached = await page.evaluate(async () => {
      const out: string[] = [];
      for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) out.push(new URL(req.url).pathname);
      return out;
    });
    expect(cached).toContain("/");
    expect(cached).toContain("/trending-all-en.json");
    expect(cached.some((path) => path.startsWith("/api/"))).toBe(false);
    expectConsoleError(/Failed to load resource|ERR_CONNECTION_REFUSED|net::ERR/);
    await stage.stopServer();
    await page.reload();
    await page.getByRole("link", { name: "Stellarr" }).first().waitFor();
    await page.getByRole("heading", { name: "Trending this week" }).waitFor();
    await page.locator("article").first().waitFor();
    // The bell's check cannot reach the server: it stays in the header, disabled, instead of vanishing.
    const bell = page.locator("[data-testid=push-toggle][data-state=unreachable]");
    await bell.waitFor();
    expect(await bell.isVisible()).toBe(true);
    await shot(page, "offline");
  });
});
