/* Stellarr service worker: offline shell, push display, click-to-open. Built by
 * build/service-worker-plugin.ts, which injects the precache list and the version. */
/* global self, caches, fetch, Request, Response */
const VERSION = "__SW_VERSION__";
const CACHE = `stellarr-shell-${VERSION}`;
const PRECACHE = self.__PRECACHE__;
const SHELL = "/";

const DATA = `stellarr-data-${VERSION}`;

// The API and the integrations are never cached: they must be fresh or fail visibly.
const NEVER_CACHE = /^\/(api|list|webhook|sync|arr)(\/|$)|^\/config\.json$|^\/manifest\.webmanifest$|^\/sw\.js$/;
// Public trending files: the network first, the last copy offline (so the home screen still shows titles).
const TRENDING = /^\/trending-(all|movie|tv)-[A-Za-z-]+\.json$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((key) => key.startsWith("stellarr-") && key !== CACHE && key !== DATA).map((key) => caches.delete(key))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || NEVER_CACHE.test(url.pathname)) return;

  // Pages: the network first (index.html is no-cache and names the current assets), the cached shell offline.
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => caches.match(SHELL, { cacheName: CACHE }).then((cached) => cached || Response.error())));
    return;
  }

  if (TRENDING.test(url.pathname)) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            event.waitUntil(caches.open(DATA).then((cache) => cache.put(url.pathname, copy)));
          }
          return response;
        })
        .catch(() => caches.match(url.pathname, { cacheName: DATA }).then((cached) => cached || Response.error())),
    );
    return;
  }

  // Hashed assets and icons never change under a name: the cache first.
  if (url.pathname.startsWith("/assets/") || url.pathname.startsWith("/icons/")) {
    event.respondWith(
      caches.match(request, { cacheName: CACHE }).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
            }
            return response;
          }),
      ),
    );
  }
});

self.addEventListener("push", (event) => {
  if (!event.data) return;
  let payload;
  try {
    payload = event.data.json();
  } catch {
    payload = { title: "Stellarr", body: event.data.text() };
  }
  const title = typeof payload.title === "string" && payload.title ? payload.title : "Stellarr";
  const options = {
    body: typeof payload.body === "string" ? payload.body : "",
    icon: payload.icon || "/icons/icon-192.png",
    badge: "/icons/icon-192.png",
    tag: payload.tag || "stellarr",
    renotify: Boolean(payload.tag),
    data: { url: typeof payload.url === "string" ? payload.url : "/" },
  };
  if (payload.image) options.image = payload.image;
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  // Only same-origin paths are opened, whatever the payload says.
  const target = new URL(event.notification.data?.url || "/", self.location.origin);
  const url = target.origin === self.location.origin ? target.href : self.location.origin + "/";
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const existing = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (existing) {
        // navigate() works on controlled windows only; otherwise open a fresh one.
        return existing
          .navigate(url)
          .then((client) => (client || existing).focus())
          .catch(() => self.clients.openWindow(url));
      }
      return self.clients.openWindow(url);
    }),
  );
});
