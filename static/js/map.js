// The map: an enhancement drawn from the results list, which always carries the same information.
(function () {
  "use strict";
  var map = null;
  var layer = null;

  function markerIcon(kind, symbol) {
    return L.divIcon({
      className: "map-marker kind-" + kind,
      html: "<span aria-hidden=\"true\">" + symbol + "</span>",
      iconSize: [32, 32],
      iconAnchor: [16, 16],
      popupAnchor: [0, -16],
    });
  }

  function draw() {
    var panel = document.getElementById("map-panel");
    var list = document.querySelector("#results .centre-list");
    if (!panel || typeof L === "undefined") {
      return;
    }
    if (!list) {
      panel.hidden = true;
      return;
    }
    panel.hidden = false;
    if (!map) {
      map = L.map("map", { scrollWheelZoom: false });
      L.tileLayer(panel.dataset.tileUrl, {
        attribution: panel.dataset.tileAttribution,
        maxZoom: 18,
        // Tile servers ask for the site's origin; send no more than that.
        referrerPolicy: "strict-origin-when-cross-origin",
      }).addTo(map);
      layer = L.layerGroup().addTo(map);
    }
    layer.clearLayers();
    var bounds = [];
    var origin = [parseFloat(list.dataset.originLat), parseFloat(list.dataset.originLon)];
    if (!isNaN(origin[0]) && !isNaN(origin[1])) {
      L.circleMarker(origin, { radius: 7, weight: 3, fillOpacity: 0.3 })
        .bindTooltip(panel.dataset.originLabel)
        .addTo(layer);
      bounds.push(origin);
    }
    list.querySelectorAll("li.centre").forEach(function (item) {
      var position = [parseFloat(item.dataset.lat), parseFloat(item.dataset.lon)];
      var link = document.createElement("a");
      link.href = "#" + item.id;
      link.textContent = item.dataset.name;
      L.marker(position, {
        icon: markerIcon(item.dataset.kind, item.dataset.symbol),
        title: item.dataset.name,
        alt: item.dataset.name,
        keyboard: true,
      })
        .bindPopup(link)
        .addTo(layer);
      bounds.push(position);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
    }
    map.invalidateSize();
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:after:settle", function (event) {
    if (document.getElementById("results")) {
      draw();
    }
  });
})();
