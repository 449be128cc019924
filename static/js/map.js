// The map: an enhancement drawn from the results list, which always carries the same information.
// Leaflet and the tiles are fetched only when the person asks for the map: they cost data and time.
(function () {
  "use strict";
  var map = null;
  var layer = null;

  function label(text, symbols) {
    // The visible letters are decorative; the name is read out instead.
    var wrap = document.createElement("span");
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = text;
    var shown = document.createElement("span");
    shown.setAttribute("aria-hidden", "true");
    shown.textContent = symbols;
    wrap.append(hidden, shown);
    return wrap;
  }

  function name(item) {
    return item.querySelector("h3").textContent;
  }

  function markerIcon(item) {
    return L.divIcon({
      className: "map-marker kind-" + item.dataset.kind,
      html: label(name(item), item.dataset.symbol),
      iconSize: [32, 32],
      iconAnchor: [16, 16],
      popupAnchor: [0, -16],
    });
  }

  function clusterIcon(panel) {
    return function (cluster) {
      var count = cluster.getChildCount();
      return L.divIcon({
        className: "map-marker map-cluster",
        html: label(panel.dataset.clusterLabel.replace("%(num)s", count), String(count)),
        iconSize: [40, 40],
      });
    };
  }

  var origin = null;
  var drawn = null;  // the list the markers come from

  function setUp(panel) {
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    map = L.map("map", {
      scrollWheelZoom: false, zoomControl: false, zoomAnimation: !still, fadeAnimation: !still, markerZoomAnimation: !still,
    });
    // Leaflet's own labels are English: give its buttons the page's language. Bottom right, so that a
    // popup (which opens above its marker, near the top) never slides under them.
    L.control.zoom({
      position: "bottomright", zoomInTitle: panel.dataset.zoomIn, zoomOutTitle: panel.dataset.zoomOut,
    }).addTo(map);
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", panel.dataset.close);
      }
    });
    var tiles = L.tileLayer(panel.dataset.tileUrl, {
      attribution: panel.dataset.tileAttribution,
      maxZoom: 18,
      // Tile servers ask for the site's origin; send no more than that.
      referrerPolicy: "strict-origin-when-cross-origin",
    }).addTo(map);
    tiles.on("tileerror", function () {  // said once: the markers and the list still show every place
      var status = document.getElementById("map-status");
      if (!status.textContent) {
        status.textContent = status.dataset.tilesError;
      }
    });
    // Close markers are grouped, so none hides another and each stays a large enough target.
    layer = L.markerClusterGroup({
      maxClusterRadius: 44,
      animate: !still,
      showCoverageOnHover: false,
      iconCreateFunction: clusterIcon(panel),
    }).addTo(map);
  }

  var loading = null;

  function fetched(element) {
    return new Promise(function (resolve, reject) {
      element.onload = resolve;
      element.onerror = reject;
      document.head.append(element);
    });
  }

  // Leaflet's stylesheets, then Leaflet, then the clustering plug-in (which needs Leaflet): once per page.
  function loadLeaflet(panel) {
    if (!loading) {
      var styles = panel.dataset.styles.split(" ").map(function (href) {
        var link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = href;
        return fetched(link);
      });
      loading = panel.dataset.scripts.split(" ").reduce(function (ready, src) {
        return ready.then(function () {
          var script = document.createElement("script");
          script.src = src;
          script.async = false;
          return fetched(script);
        });
      }, Promise.all(styles));
      loading.catch(function () { loading = null; });  // a later click tries again
    }
    return loading;
  }

  function list() {
    return document.querySelector("#results .results-places");
  }

  function draw(panel, items) {
    if (!map) {
      setUp(panel);
    }
    drawn = items;
    layer.clearLayers();
    var bounds = [];
    // A popup never wider than the map: Leaflet's default (300 px of text, plus its frame) overflows a phone's.
    var popup = { autoPanPadding: [16, 16], maxWidth: Math.max(120, map.getSize().x - 80), minWidth: 0 };
    items.querySelectorAll("li.centre").forEach(function (item) {
      var position = [parseFloat(item.dataset.lat), parseFloat(item.dataset.lon)];
      var link = document.createElement("a");
      link.href = "#" + item.id;
      link.textContent = name(item);
      layer.addLayer(
        L.marker(position, { icon: markerIcon(item), keyboard: true }).bindPopup(link, popup)
      );
      bounds.push(position);
    });
    // The legend names only the kinds on the map.
    var shown = new Set(Array.from(items.querySelectorAll("li.centre"), function (item) { return item.dataset.kind; }));
    panel.querySelectorAll(".legend li").forEach(function (entry) {
      entry.hidden = !shown.has(entry.dataset.kind);
    });
    var from = [parseFloat(items.dataset.originLat), parseFloat(items.dataset.originLon)];
    if (origin) {
      origin.remove();
      origin = null;
    }
    if (!isNaN(from[0]) && !isNaN(from[1])) {
      // Where the search started: drawn only, the list and heading already name it.
      origin = L.circleMarker(from, { radius: 8, weight: 3, fillOpacity: 0.25, interactive: false }).addTo(map);
      bounds.push(from);
    }
    map.invalidateSize();
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
  }

  function show(open) {
    var panel = document.getElementById("map-panel");
    var toggle = document.getElementById("map-toggle");
    var status = document.getElementById("map-status");
    toggle.textContent = open ? toggle.dataset.hide : toggle.dataset.show;
    panel.hidden = !open;
    status.textContent = "";
    if (!open) {
      return;
    }
    loadLeaflet(panel).then(
      function () {
        var items = list();
        if (items && !panel.hidden) {
          draw(panel, items);
        }
      },
      function () {
        show(false);
        status.textContent = status.dataset.error;
      }
    );
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("#map-toggle")) {
      show(document.getElementById("map-panel").hidden);
    }
    // A popup's link leads to the place in the list: focus goes there too, for keyboards and screen readers.
    var link = event.target.closest(".leaflet-popup-content a[href^='#centre-']");
    var target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (target) {  // the link itself still scrolls there and names it in the address
      target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
    }
  });

  // New results: the button only when there is something to show; an open map follows the list.
  document.addEventListener("htmx:after:settle", function () {
    var toggle = document.getElementById("map-toggle");
    var panel = document.getElementById("map-panel");
    if (!toggle || !document.getElementById("results")) {
      return;
    }
    var items = list();
    toggle.hidden = !items;
    if (!items) {
      show(false);
    } else if (!panel.hidden && map && items !== drawn) {
      draw(panel, items);
    }
  });
})();
