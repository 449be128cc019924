// Companion's service worker: the app shell, the explainers and the urgent numbers keep working offline.
// Personal pages are never cached, except the printable checklist when the person asks for it
// (companion-personal cache, emptied by "delete my notebook" through Clear-Site-Data).
"use strict";

const VERSION = new URL(self.location).searchParams.get("v") || "dev";
const SHELL = "companion-shell-" + VERSION;
const PAGES = "companion-pages";
const PERSONAL = "companion-personal";
const OFFLINE = "/offline";
// Public pages kept after each visit, so they open offline later.
const KEEP = [/^\/$/, /^\/urgent$/, /^\/cares(\/[a-z_]+)?$/, /^\/help$/, /^\/caregivers$/, /^\/sources$/];

self.addEventListener("install", (event) => {
  const assets = new URL(self.location).searchParams.getAll("asset");
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll([OFFLINE, ...assets])).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("companion-shell-") && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

function pageKey(url) {
  return url.pathname + url.search.replace(/[?&]lang=[a-z]+/, "");
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;  // writes and other hosts (map tiles) go straight to the network
  }
  if (url.pathname.startsWith("/static/")) {  // fingerprinted: the same URL never changes
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request).then((response) => {
      if (response.ok) {  // an error page kept under a fingerprinted URL would be served for good
        const copy = response.clone();
        caches.open(SHELL).then((cache) => cache.put(request, copy));
      }
      return response;
    })));
    return;
  }
  if (request.mode !== "navigate") {
    return;  // htmx swaps: a failure shows the "you're offline" message and keeps what was typed
  }
  // Offline, or the server failing (5xx: restarting, overloaded): this page as last kept, or the offline page.
  const kept = async () => {
    const personal = url.pathname === "/checklist/print" ? await caches.match(url.pathname, { cacheName: PERSONAL }) : null;
    return personal || (await caches.match(pageKey(url), { cacheName: PAGES })) || caches.match(OFFLINE);
  };
  event.respondWith(
    fetch(request).then(async (response) => {
      if (response.status >= 500) {
        return (await kept()) || response;
      }
      if (response.ok && KEEP.some((pattern) => pattern.test(url.pathname))) {
        const copy = response.clone();
        caches.open(PAGES).then((cache) => cache.put(pageKey(url), copy));
      }
      return response;
    }).catch(kept)
  );
});
