// AgencyDesk offline service worker.
//
// The build (scripts/finalize-dist.mjs) replaces the two placeholders below
// with the build's version (a hash of every file it ships) and the list of
// files that make up the app shell. A new build therefore means a new sw.js,
// which the browser installs beside the running one; it then waits until the
// user clicks "Update available — reload" (message "skip-waiting").
const VERSION = "__APP_VERSION_HASH__";
const PRECACHE = ["__PRECACHE_LIST__"];
const CACHE = `agency-desk-${VERSION}`;
// The paths of the precached files, as this worker's scope resolves them.
const SHELL_PATHS = new Set(PRECACHE.map((file) => new URL(file, self.registration.scope).pathname));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // `cache: "reload"` skips the HTTP cache so the shell is this build's.
      cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" })))
    )
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith("agency-desk-") && k !== CACHE).map((k) => caches.delete(k))
        )
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  const scope = new URL(self.registration.scope);
  const isShell =
    request.mode === "navigate" &&
    (url.pathname === scope.pathname || url.pathname === `${scope.pathname}index.html`);
  // Only the app's own files are answered here. Everything else on this
  // origin (the team database behind /couch/, above all) goes straight to
  // the network, untouched: a request the page aborts (a long-poll) must
  // end there and then, not live on in a copy the worker made.
  if (!isShell && !SHELL_PATHS.has(url.pathname)) return;
  event.respondWith(fromCacheOrNetwork(isShell ? "./index.html" : request));
});

// Cache first: the shell is versioned as a whole, so what is cached always
// belongs together; anything not cached goes to the network as usual.
// The app's address is index.html whatever query string a link carries
// (for example ?asof=2027-01-31), so the query is ignored when matching.
async function fromCacheOrNetwork(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: true });
  return hit || fetch(request);
}
