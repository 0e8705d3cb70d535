// Map of entities with coordinates and proportional dataset symbols; offline unless a tile URL is set.
(function () {
  "use strict";
  var el = document.getElementById("map") || document.getElementById("minimap");
  if (!el || !window.L) { return; }
  var points = JSON.parse(el.dataset.points || "[]");
  var layers = JSON.parse(el.dataset.layers || "[]");
  var colours = JSON.parse(el.dataset.colours || "{}");
  var fallback = { ORG: "#1f5fa8", PERSON: "#b5446e", PLACE: "#2e8b57", PROJECT: "#c7771c", EVENT: "#6a4fb3", TOPIC: "#5f6b7a" };
  var small = el.id === "minimap";
  var map = L.map(el, { zoomSnap: 0.25, scrollWheelZoom: !small, attributionControl: !!el.dataset.tiles });
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: "&copy; tile provider" }).addTo(map);
  }
  L.control.scale({ imperial: false }).addTo(map);

  function text(node, value) { node.textContent = value; return node; }
  function popup(p) {
    // Built from DOM nodes, never from HTML strings: names come from documents.
    var box = document.createElement("div");
    var a = text(document.createElement("a"), p.name);
    a.href = "/entity/" + encodeURIComponent(p.id);
    box.appendChild(a);
    if (p.via) {
      box.appendChild(document.createElement("br"));
      box.appendChild(text(document.createElement("small"), (el.dataset.via || "{place}").replace("{place}", p.via)));
    }
    return box;
  }
  // Spread actors that share one place so that they do not hide each other.
  var seen = {};
  var bounds = [];
  var markers = L.featureGroup();
  points.forEach(function (p) {
    var key = p.lat.toFixed(4) + "," + p.lon.toFixed(4);
    var k = seen[key] = (seen[key] || 0) + 1;
    var angle = k * 2.4, r = p.via ? 0.004 * Math.sqrt(k) : 0;
    var ll = [p.lat + r * Math.sin(angle), p.lon + r * 1.6 * Math.cos(angle)];
    bounds.push(ll);
    var m = L.circleMarker(ll, {
      radius: p.type === "PLACE" ? 5 : 7, weight: 1.5, color: "#fff",
      fillColor: colours[p.type] || fallback[p.type] || "#555", fillOpacity: 0.9
    }).bindPopup(popup(p));
    if (p.type === "PLACE" && p.subtype === "city" && !small) {
      m.bindTooltip(p.name, { permanent: true, direction: "right", className: "maplabel", offset: [6, 0] });
    }
    markers.addLayer(m);
  });
  markers.addTo(map);
  // Fit to the bulk of the points: one far-away place (a country, a continent) must not
  // shrink the region to a dot.
  function median(xs) { var s = xs.slice().sort(function (a, b) { return a - b; }); return s[Math.floor(s.length / 2)]; }
  if (bounds.length) {
    var mLat = median(bounds.map(function (b) { return b[0]; }));
    var mLon = median(bounds.map(function (b) { return b[1]; }));
    var near = bounds.filter(function (b) { return Math.abs(b[0] - mLat) < 1 && Math.abs(b[1] - mLon) < 1.5; });
    map.fitBounds(near.length ? near : bounds, { padding: [24, 24], maxZoom: 12 });
  } else { map.setView([51.51, 7.47], 10); }

  var symbols = L.layerGroup().addTo(map);
  var select = document.getElementById("layer");
  function showLayer() {
    symbols.clearLayers();
    if (!select || !select.value) { return; }
    var parts = select.value.split(":");
    var layer = layers.filter(function (l) { return String(l.id) === parts[1]; })[0];
    var column = parts.slice(2).join(":");
    if (!layer) { return; }
    var values = layer.rows.map(function (r) { return Math.abs(Number(r.values[column]) || 0); });
    var max = Math.max.apply(null, values.concat([1e-9]));
    layer.rows.forEach(function (r, i) {
      // Area proportional to the value: the radius grows with its square root.
      var radius = 4 + 26 * Math.sqrt(values[i] / max);
      var box = document.createElement("div");
      box.appendChild(text(document.createElement("b"), r.place));
      box.appendChild(document.createElement("br"));
      box.appendChild(text(document.createElement("span"), column + ": " + r.values[column]));
      L.circleMarker([r.lat, r.lon], { radius: radius, color: "#0b4f8a", weight: 1, fillColor: "#0b4f8a", fillOpacity: 0.25 })
        .bindPopup(box).addTo(symbols);
    });
  }
  if (select) { select.addEventListener("change", showLayer); }
})();
