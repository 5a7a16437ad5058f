/* Draws the office maps of macros/maps.html with Leaflet (vendor/leaflet/leaflet.js, loaded
   before this file). Progressive enhancement only: the page lists the same offices as text, and
   without JavaScript (or Leaflet) the map stays hidden.

   Base layer: the deployment's tile server when MAP_TILE_URL is set (data-tile-url), otherwise
   the outline of Mexico and of its states shipped with the site (data-outline-url, same
   origin): no other host is contacted. Keyboard: the map itself takes focus (arrow keys pan,
   + and - zoom) and each marker is a button in the tab order whose popup names the office and
   links to its entry in the list. */
(function () {
  "use strict";

  var OUTLINE_STYLE = { color: "#71767a", weight: 1, fillColor: "#f5f5f0", fillOpacity: 1 };
  var MEXICO_STYLE = { color: "#565c65", weight: 1.5, fillColor: "#fdfdf8", fillOpacity: 1 };
  // The lines between Mexico's states: lighter and dashed, so they never read as a coast.
  var BORDERS_STYLE = { color: "#8d9297", weight: 1, dashArray: "4 3", fill: false };
  var MEXICO_BOUNDS = [[14.3, -118.5], [32.8, -86.6]];

  function popupContent(point, detailsLabel) {
    var box = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = point.name;
    box.appendChild(name);
    if (point.address) {
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(point.address));
    }
    if (point.anchor && document.getElementById(point.anchor)) {
      var link = document.createElement("a");
      link.href = "#" + point.anchor;
      link.textContent = detailsLabel;
      box.appendChild(document.createElement("br"));
      box.appendChild(link);
    }
    return box;
  }

  function addOutline(map, url, attribution) {
    if (!window.fetch) {
      return;
    }
    fetch(url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("outline " + response.status);
        }
        return response.json();
      })
      .then(function (geojson) {
        var layer = window.L.geoJSON(geojson, {
          interactive: false,
          attribution: attribution,
          style: function (feature) {
            var properties = feature.properties || {};
            if (properties.borders) {
              return BORDERS_STYLE;
            }
            return properties.mexico ? MEXICO_STYLE : OUTLINE_STYLE;
          },
        });
        layer.addTo(map);
        layer.bringToBack();
      })
      .catch(function () {
        /* The markers and the text list are still there; the sea colour stands in. */
      });
  }

  function draw(container) {
    var L = window.L;
    var points;
    if (!L || container.getAttribute("data-ready")) {
      return;
    }
    try {
      points = JSON.parse(container.getAttribute("data-offices") || "[]");
    } catch (error) {
      return;
    }
    if (!points.length) {
      return;
    }
    container.setAttribute("data-ready", "1");
    container.hidden = false;
    var canvas = container.querySelector(".vt-office-map__canvas");
    var tileUrl = container.getAttribute("data-tile-url");
    var map = L.map(canvas, {
      zoomControl: false,
      scrollWheelZoom: false, // the page scrolls past the map; buttons and keys zoom
      maxBounds: tileUrl ? null : [[5, -130], [40, -75]],
      minZoom: tileUrl ? 0 : 4,
      maxZoom: 18,
    });
    L.control
      .zoom({
        zoomInTitle: container.getAttribute("data-zoom-in"),
        zoomOutTitle: container.getAttribute("data-zoom-out"),
      })
      .addTo(map);
    map.attributionControl.setPrefix(
      '<a href="https://leafletjs.com/" hreflang="en">Leaflet</a>'
    );
    if (tileUrl) {
      L.tileLayer(tileUrl, {
        attribution: container.getAttribute("data-tile-attribution") || "",
        maxZoom: 19,
      }).addTo(map);
    } else {
      addOutline(
        map,
        container.getAttribute("data-outline-url"),
        container.getAttribute("data-outline-attribution")
      );
    }
    var detailsLabel = container.getAttribute("data-details");
    // Popups fit a 320 px screen: never wider than the map less its margins.
    // and clear of the zoom buttons in the top-left corner.
    var popupOptions = {
      maxWidth: Math.max(160, Math.min(300, canvas.clientWidth - 80)),
      autoPanPaddingTopLeft: [56, 8],
    };
    var markers = points.map(function (point) {
      return L.marker([point.lat, point.lng], { title: point.name, alt: point.name, keyboard: true })
        .bindPopup(popupContent(point, detailsLabel), popupOptions)
        .addTo(map);
    });
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", container.getAttribute("data-close"));
        close.setAttribute("title", container.getAttribute("data-close"));
      }
    });
    if (markers.length === 1) {
      map.setView(markers[0].getLatLng(), tileUrl ? 15 : 8);
    } else {
      map.fitBounds(L.featureGroup(markers).getBounds(), { padding: [32, 32], maxZoom: tileUrl ? 15 : 8 });
    }
    if (!tileUrl && map.getZoom() < 4) {
      map.fitBounds(MEXICO_BOUNDS);
    }
    container.dispatchEvent(new CustomEvent("vt:map-ready", { bubbles: true }));
  }

  function drawAll() {
    var maps = document.querySelectorAll("[data-office-map]");
    for (var i = 0; i < maps.length; i += 1) {
      draw(maps[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
