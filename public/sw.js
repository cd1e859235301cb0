// Omzien's service worker: keeps the app shell on the device so the app starts with
// no connection. Data never passes through here: the app keeps it in IndexedDB and
// talks to /api/ itself.
//
// The build fills in two things (each token appears exactly once in this file):
// the list of files to precache (absolute paths, content-hashed names) and the build
// hash that names this version's cache.
'use strict';

// src/store/kiosk.rs keeps these caches when it wipes a kiosk visit: same prefix.
const CACHE_PREFIX = 'omzien-shell-';
const CACHE_NAME = CACHE_PREFIX + '__VERSION__';
const BUILT_PRECACHE = self.__PRECACHE__;
// Unbuilt (public/ served as is) there is no list: keep at least the page shell.
const PRECACHE = Array.isArray(BUILT_PRECACHE) ? BUILT_PRECACHE : ['/'];
// The single-page app answers every route from this one page.
const SHELL_URL = '/';
const OFFLINE_TEXT = 'Omzien is offline en nog niet geladen.';

self.addEventListener('install', (event) => {
  // No skipWaiting here: a new version waits until the page asks (SKIP_WAITING),
  // so a resident is never switched to new code in the middle of something.
  event.waitUntil(precache());
});

async function precache() {
  const cache = await caches.open(CACHE_NAME);
  // 'reload' skips the HTTP cache: the shell must come fresh from the server.
  await cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'reload' })));
}

self.addEventListener('activate', (event) => {
  event.waitUntil(activate());
});

async function activate() {
  const names = await caches.keys();
  await Promise.all(
    names
      .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME)
      .map((name) => caches.delete(name)),
  );
  // Take the page that installed us, so even a first visit works offline afterwards.
  await self.clients.claim();
}

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') {
    self.skipWaiting();
  }
});

// Background Sync (Chromium only): when the connection is back, wake the open Omzien
// pages so they send their outbox now. The page does the sending (the sync protocol
// lives in the app's Rust code, not here), and it never depends on this event: it
// also sends on start, on `online`, when it becomes visible and on a timer. With no
// page open, the items go at the next start.
const OUTBOX_SYNC_TAG = 'omzien-outbox';

self.addEventListener('sync', (event) => {
  if (event.tag === OUTBOX_SYNC_TAG) event.waitUntil(wakePages());
});

async function wakePages() {
  const pages = await self.clients.matchAll({ type: 'window' });
  for (const page of pages) page.postMessage({ type: 'SEND_OUTBOX' });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The API is live data: straight to the network, never cached here. So is an
  // activity's light page (/a/{id}, the server's own HTML for a scanned QR code): a
  // phone that has Omzien installed must get that page, not the app's shell. The same
  // for a kernteam partner's survey (/enquete/{token}, the server's HTML form).
  if (
    url.pathname.startsWith('/api/') ||
    url.pathname.startsWith('/a/') ||
    url.pathname.startsWith('/enquete/')
  ) {
    return;
  }

  if (request.mode === 'navigate' && !hasExtension(url.pathname)) {
    event.respondWith(navigate(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});

/** Same rule as the server: a last path segment with a dot names a file, not a route. */
function hasExtension(pathname) {
  const name = pathname.slice(pathname.lastIndexOf('/') + 1);
  return name.includes('.');
}

async function navigate(request) {
  const cached = await fromCache(SHELL_URL);
  if (cached) return cleanNavigationResponse(cached);
  try {
    return await fetch(request);
  } catch (error) {
    return new Response(OFFLINE_TEXT, {
      status: 503,
      statusText: 'Service Unavailable',
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
}

async function cacheFirst(request) {
  const cached = await fromCache(request);
  if (cached) return cached;
  const response = await fetch(request);
  // A file with a content hash in its name never changes: keep it for offline use.
  // This is how the staff app, which is not precached, still starts offline once a
  // staff member has opened it.
  if (response.ok && HASHED_NAME.test(new URL(request.url).pathname)) {
    const copy = response.clone();
    caches.open(CACHE_NAME).then((cache) => cache.put(request, copy)).catch(() => {});
  }
  return response;
}

/** As scripts/build-web names files: <stem>-<16 hex digits>.<ext>. */
const HASHED_NAME = /-[0-9a-f]{16}\.[a-z]+$/;

async function fromCache(request) {
  const cache = await caches.open(CACHE_NAME);
  // One stored copy per file; which encoding the browser asked for does not matter.
  const response = await cache.match(request, { ignoreVary: true });
  return response || null;
}

/** Chromium refuses a redirected response for a navigation; a fresh copy is not one. */
async function cleanNavigationResponse(response) {
  if (!response.redirected) return response;
  const body = await response.blob();
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
