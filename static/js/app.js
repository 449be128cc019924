// Companion: small enhancements on top of server-rendered pages (everything works without this file).
(function () {
  "use strict";

  // After a swap, move focus to the new content's main heading so screen readers announce it.
  document.addEventListener("htmx:after:swap", function (event) {
    var target = event.detail && event.detail.ctx && event.detail.ctx.target;
    if (target && target.id === "place-options") {
      return;  // suggestions while typing: leave focus in the field
    }
    // New results under a folded search form: the fold names the new place, and closes.
    var fold = document.getElementById("search-fold");
    var results = document.getElementById("results");
    if (fold && results && target && target.id === "results") {
      if (results.dataset.foldLabel) {
        document.getElementById("search-fold-place").textContent = results.dataset.foldLabel;
      }
      fold.open = false;
    }
    var heading = document.querySelector("main [data-swap-focus]");
    if (heading) {
      heading.focus();
    }
  });

  // A language button of a step form: send the form as a page (not an htmx swap), so the page comes back whole
  // in the other language with the answers already given. form.submit() fires no submit event for htmx to take.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-keep-answers]");
    var form = button && document.getElementById(button.getAttribute("form"));
    if (!form) {
      return;
    }
    event.preventDefault();
    var stay = document.createElement("input");
    stay.type = "hidden";
    stay.name = button.name;
    stay.value = button.value;
    form.appendChild(stay);
    form.action = button.formAction;
    form.submit();
  });

  // The print button needs JavaScript (no-js.css hides it); without it, the browser's own menu prints the page.
  document.addEventListener("click", function (event) {
    if (event.target.closest("#print-page")) {
      window.print();
    }
  });

  // A request that never got an answer (offline, timeout): say so, keep the page as it is.
  document.addEventListener("htmx:error", function (event) {
    var messages = document.getElementById("messages");
    var response = event.detail && event.detail.ctx && event.detail.ctx.response;
    if (messages && !response) {
      var note = document.createElement("p");
      note.className = "notice notice-error";
      note.textContent = messages.dataset.offline;
      messages.replaceChildren(note);
    }
  });
  document.addEventListener("htmx:after:request", function (event) {
    var messages = document.getElementById("messages");
    if (messages && event.detail && event.detail.ctx && event.detail.ctx.response) {
      messages.replaceChildren();
    }
  });

  // "Use my location": position rounded to about 1 km in the browser, before it is sent.
  function setUpLocate() {
    var button = document.getElementById("locate");
    var status = document.getElementById("locate-status");
    var form = document.getElementById("centre-search");
    if (!button || !form) {
      return;
    }
    if (!("geolocation" in navigator)) {
      button.hidden = true;
      return;
    }
    button.addEventListener("click", function () {
      status.textContent = button.dataset.busy;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var params = new URLSearchParams();
          params.set("lat", position.coords.latitude.toFixed(2));
          params.set("lon", position.coords.longitude.toFixed(2));
          var kind = form.querySelector("input[name=kind]:checked");
          if (kind && kind.value) {
            params.set("kind", kind.value);
          }
          window.location.assign(form.getAttribute("action") + "?" + params.toString());
        },
        function () {
          status.textContent = button.dataset.error;
          document.getElementById("place").focus();
        },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 }
      );
    });
  }

  // Offline: the service worker keeps the shell and public pages; the checklist only if asked.
  function setUpOffline() {
    var url = document.body.dataset.serviceWorker;
    if (url && "serviceWorker" in navigator) {
      navigator.serviceWorker.register(url, { scope: "/" }).catch(function () {});
    }
    var panel = document.getElementById("offline-copy");
    if (!panel) {
      return;
    }
    if (!("caches" in window)) {
      panel.hidden = true;  // no Cache Storage (plain http): nothing to offer
      return;
    }
    var keep = document.getElementById("offline-keep");
    var drop = document.getElementById("offline-drop");
    var status = document.getElementById("offline-status");
    function show(kept) {
      keep.hidden = kept;
      drop.hidden = !kept;
    }
    function save() {
      return caches.open("companion-personal").then(function (cache) { return cache.add("/checklist/print"); });
    }
    caches.has("companion-personal").then(function (kept) {
      show(kept);
      if (kept) {
        save();  // keep the offline copy up to date
      }
    });
    keep.addEventListener("click", function () {
      save().then(function () { show(true); status.textContent = panel.dataset.saved; });
    });
    drop.addEventListener("click", function () {
      caches.delete("companion-personal").then(function () { show(false); status.textContent = panel.dataset.removed; });
    });
  }

  function setUp() {
    setUpLocate();
    setUpOffline();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
