// The map: an enhancement drawn from the results list, which always carries the same information.
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

  function markerIcon(item) {
    return L.divIcon({
      className: "map-marker kind-" + item.dataset.kind,
      html: label(item.dataset.name, item.dataset.symbol),
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

  function setUp(panel) {
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    map = L.map("map", { scrollWheelZoom: false, zoomAnimation: !still, fadeAnimation: !still, markerZoomAnimation: !still });
    L.tileLayer(panel.dataset.tileUrl, {
      attribution: panel.dataset.tileAttribution,
      maxZoom: 18,
      // Tile servers ask for the site's origin; send no more than that.
      referrerPolicy: "strict-origin-when-cross-origin",
    }).addTo(map);
    // Close markers are grouped, so none hides another and each stays a large enough target.
    layer = L.markerClusterGroup({
      maxClusterRadius: 44,
      animate: !still,
      showCoverageOnHover: false,
      iconCreateFunction: clusterIcon(panel),
    }).addTo(map);
  }

  function draw() {
    var panel = document.getElementById("map-panel");
    var list = document.querySelector("#results .centre-list");
    if (!panel || typeof L === "undefined" || !L.markerClusterGroup) {
      return;
    }
    panel.hidden = !list;
    if (!list) {
      return;
    }
    if (!map) {
      setUp(panel);
    }
    layer.clearLayers();
    var bounds = [];
    list.querySelectorAll("li.centre").forEach(function (item) {
      var position = [parseFloat(item.dataset.lat), parseFloat(item.dataset.lon)];
      var link = document.createElement("a");
      link.href = "#" + item.id;
      link.textContent = item.dataset.name;
      layer.addLayer(L.marker(position, { icon: markerIcon(item), keyboard: true }).bindPopup(link));
      bounds.push(position);
    });
    var from = [parseFloat(list.dataset.originLat), parseFloat(list.dataset.originLon)];
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

  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:after:settle", function () {
    if (document.getElementById("results")) {
      draw();
    }
  });
})();
