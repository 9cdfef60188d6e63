// The tracker's service worker: it keeps this version's files so that the tracker opens and
// works with no connection after one visit, and it never serves a mix of two versions.
//
// This is a template: the build (`public/sw-stamp.sh`, a trunk post-build hook) writes
// `dist/sw.js` as `const VERSION = …; const FILES = […];` followed by this file. FILES lists
// every file of the build as [name, digest of its bytes (the first 64 bits of its SHA-256, in hex),
// fetched only when asked for]; VERSION is a digest of that list, so any change to any file makes
// a new service worker.
//
// - Install: the files not marked "when asked for" (the page, its scripts, wasm, icons,
//   manifest, the report's text and data) are fetched and checked against their digests, into a
//   cache of this version's own;
//   the published figures (figures.json) are fetched too. A file that does not match (a host
//   still serving an older copy) fails the install, which the browser tries again later.
// - A new version installs beside the running one and waits; the page says so
//   (`tracker-update`, see boot.js) and switches when the reader chooses to reload.
// - The page (the folder's address or index.html, with any query) comes from this version's
//   cache; other files of the build too. Where the browser has static routes, it reads the page
//   and the files kept at install from that cache itself, without running this worker. A file
//   fetched only when asked for (the Word document's worker) is checked against this version's
//   digest before it is used or kept. Other addresses (a file opened or downloaded by its link)
//   go to their handler below or to the network.
// - The published figures come from the network when it answers within a few seconds, else
//   from the last copy kept.

const CACHE = `xinyuan-tracker-${VERSION}`;
const PREFIX = "xinyuan-tracker-";
const FIGURES = "figures.json";
const scope = new URL(self.registration.scope);
const ROOT = scope.pathname;
const files = new Map(
  FILES.map(([name, sha, lazy]) => [new URL(name, scope).pathname, { name, sha, lazy }]),
);

/** Whether a file name carries trunk's content hash (so any copy of it is this version's). */
const hashed = (name) => /-[0-9a-f]{16}[._/]/.test(name);

/** A file's digest as FILES gives it: the first 64 bits of its SHA-256, in hex. */
async function digestOf(body) {
  const sha256 = await crypto.subtle.digest("SHA-256", body);
  return [...new Uint8Array(sha256, 0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * This version's copy of a file from the network, or an error. A copy kept by the browser that
 * does not match is fetched once more from the host. The response is made anew, so that one the
 * host redirected (`/index.html` → `/`) can still answer a page request.
 */
async function fetchChecked(path, file) {
  for (const mode of [hashed(file.name) ? "force-cache" : "no-cache", "reload"]) {
    const response = await fetch(path, { cache: mode });
    if (!response.ok) throw new Error(`${file.name}: HTTP ${response.status}`);
    const body = await response.arrayBuffer();
    if ((await digestOf(body)) === file.sha) {
      return new Response(body, { status: 200, headers: response.headers });
    }
  }
  throw new Error(`${file.name}: not this version's`);
}

/**
 * Static routes (where the browser has them): the page and the files it loads, kept at install,
 * are read from this version's cache by the browser itself, without starting this worker or
 * going through its fetch handler. A file the cache lacks is then asked of the network; the rest
 * (figures, files fetched when asked for, the page with a query, the report's text and data that
 * readers open by link) still goes through the handlers below.
 *
 * A route's `search: ""` also matches an address ending in a bare "?", which the cache keeps
 * apart: the page is kept under those addresses too (`PAGE_KEYS`). The folder's name goes into
 * the patterns as a literal (a host path such as /c++/ would otherwise be pattern syntax).
 */
function addRoutes(event) {
  if (typeof event.addRoutes !== "function" || typeof URLPattern !== "function") return;
  const literal = (path) => path.replace(/[\\:*+?(){}]/g, "\\$&");
  const source = { cacheName: CACHE };
  // A browser that refuses these rules sends every request through the fetch handler.
  try {
    const route = (path) => ({ condition: { urlPattern: new URLPattern({ pathname: literal(path), search: "" }) }, source });
    const rules = [route(ROOT)];
    for (const [path, file] of files) if (!file.lazy && !OPENED_BY_LINK.test(file.name)) rules.push(route(path));
    Promise.resolve(event.addRoutes(rules)).catch(() => {});
  } catch {
    // As above.
  }
}

/** Files of the build that readers open by their link rather than the page loading them. */
const OPENED_BY_LINK = /[.](txt|json)$/;

/** The addresses the page is kept under: the folder and index.html, each also with a bare "?". */
const PAGE_KEYS = [ROOT, ROOT + "?", ROOT + "index.html", ROOT + "index.html?"];

self.addEventListener("install", (event) => {
  addRoutes(event);
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const [path, file] of files) {
        if (file.lazy) continue;
        // The page is fetched at the address readers open (the folder), as the host serves it.
        const response = await fetchChecked(file.name === "index.html" ? ROOT : path, file);
        if (file.name === "index.html") {
          for (const key of PAGE_KEYS) await cache.put(key, response.clone());
        } else {
          await cache.put(path, response);
        }
      }
      try {
        const figures = await fetch(ROOT + FIGURES, { cache: "no-cache" });
        if (figures.ok) await cache.put(ROOT + FIGURES, figures);
      } catch {
        // Offline while installing: the figures are kept the next time they are fetched.
      }
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      let earlier = false;
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) {
          earlier = true;
          await caches.delete(name);
        }
      }
      // The first version kept here serves the tabs that installed it at once, so that the pages
      // fetched when first opened (parts-*/) open offline in them too. A later version waits for
      // a reload (the new-version notice).
      if (!earlier) await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

async function page(request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(ROOT)) || fetch(request);
}

async function buildFile(path, file) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(path);
  if (kept) return kept;
  try {
    const response = await fetchChecked(path, file);
    await cache.put(path, response.clone());
    return response;
  } catch {
    return new Response("This file is not available in the version of the tracker open here. Reload the page.", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}

async function figures(request) {
  const cache = await caches.open(CACHE);
  // A file taken down (404) is no longer published; a host's error (5xx) is not news: the copy
  // kept answers instead.
  const network = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(ROOT + FIGURES, response.clone());
    else if (response.status === 404) await cache.delete(ROOT + FIGURES);
    else return null;
    return response;
  });
  network.catch(() => {});
  const late = new Promise((resolve) => setTimeout(resolve, 4000, null));
  try {
    const first = await Promise.race([network, late]);
    if (first) return first;
  } catch {
    // Offline: the copy kept below.
  }
  const kept = await cache.match(ROOT + FIGURES);
  return kept || (await network.catch(() => null)) || Response.error();
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(ROOT)) return;
  if (request.mode === "navigate" && (url.pathname === ROOT || url.pathname === ROOT + "index.html")) {
    event.respondWith(page(request));
  } else if (url.pathname === ROOT + FIGURES) {
    event.respondWith(figures(request));
  } else if (files.has(url.pathname)) {
    event.respondWith(buildFile(url.pathname, files.get(url.pathname)));
  }
});
