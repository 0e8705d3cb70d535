// Map of entities with coordinates and dataset layers: rows that name a Kreis colour its
// boundary (a quantile choropleth), the others are proportional symbols. Offline by default:
// the Kreis boundaries (shipped with hafen) are the base map unless a tile URL is set.
(function () {
  "use strict";
  var el = document.getElementById("map") || document.getElementById("minimap");
  if (!el || !window.L) { return; }
  var points = JSON.parse(el.dataset.points || "[]");
  var layers = JSON.parse(el.dataset.layers || "[]");
  var colours = JSON.parse(el.dataset.colours || "{}");
  var ui = JSON.parse(el.dataset.text || "{}");
  var fallback = { ORG: "#1f5fa8", PERSON: "#b5446e", PLACE: "#2e8b57", PROJECT: "#c7771c", EVENT: "#6a4fb3", TOPIC: "#5f6b7a" };
  var small = el.id === "minimap";
  var locale = (document.documentElement.lang || "en").slice(0, 2) === "de" ? "de-DE" : "en-GB";
  var map = L.map(el, { zoomSnap: 0.25, scrollWheelZoom: !small, attributionControl: false });
  if (!small || el.dataset.tiles) {
    L.control.attribution({ prefix: "Leaflet" }).addTo(map);
  }
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: "&copy; tile provider" }).addTo(map);
  }
  L.control.scale({ imperial: false }).addTo(map);
  // Panes: the Kreis base map under the choropleth under the points and symbols.
  map.createPane("kreise").style.zIndex = 250;
  map.createPane("choropleth").style.zIndex = 350;
  map.createPane("laender").style.zIndex = 360;  // Land borders over the choropleth, for orientation

  function text(node, value) { node.textContent = value; return node; }
  function node(tag, cls, value) {
    var n = document.createElement(tag);
    if (cls) { n.className = cls; }
    if (value !== undefined) { text(n, value); }
    return n;
  }
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

  // ---- Kreis boundaries: loaded once, indexed by AGS and by normalised name ----
  var STOP = { am: 1, an: 1, der: 1, die: 1, im: 1, in: 1, i: 1, a: 1, d: 1, ob: 1, "und": 1 };
  var CITY = /stadt$|^stadtkreis$|^sk$/;
  var DESIGNATION = "kreisfreie stadt|krfr\\.? stadt|stadtkreis|landkreis|kreis|lkr\\.?|lk|kr\\.?|sk|region|" +
    "freie und hansestadt|freie hansestadt|hansestadt|landeshauptstadt|wissenschaftsstadt|universitaetsstadt|stadt";
  var PREFIX = new RegExp("^(" + DESIGNATION + ")\\s+");
  var SUFFIX = new RegExp("\\s*\\((" + DESIGNATION + ")\\)\\s*$");
  // "(Saale)", "am Main", "an der Ruhr", "i.d. OPf.": the qualifier after a name, left out for a
  // second try.
  var QUALIFIER = /\s*\([^)]*\)|\s(am|an der|an|im|in der|ob der|[ai]\.\s?d\.|[ai]\.)\s?.*$/g;
  function fold(s) {
    return String(s).toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss")
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }
  function words(s) {
    return s.replace(/[^a-z0-9]+/g, " ").trim().split(" ").filter(function (w) { return w && !STOP[w]; }).join(" ");
  }
  // "Kreis Unna", "Unna (Kreis)", "Dortmund, Stadt", "LK Görlitz", "Halle (Saale)" → the name's key,
  // the key without a qualifier ("halle"), and the kind the name asks for ("city", "district" or null).
  function kreisKey(name) {
    var s = fold(name).replace(/\s+/g, " ").trim(), kind = null, m;
    // Official lists add the status after a comma: "Kassel, documenta-Stadt", "Wiesbaden,
    // Landeshauptstadt", "Nienburg (Weser), Landkreis".
    var comma = s.indexOf(",");
    if (comma > 0) {
      var tail = s.slice(comma + 1);
      kind = /stadt/.test(tail) ? "city" : (/kreis|region/.test(tail) ? "district" : null);
      s = s.slice(0, comma).trim();
    }
    while ((m = s.match(SUFFIX) || s.match(PREFIX))) {
      kind = kind || (CITY.test(m[1]) ? "city" : "district");
      s = s.replace(m[0], " ").trim();
    }
    var bare = words(s.replace(QUALIFIER, ""));
    return { key: words(s), bare: bare, kind: kind };
  }
  var boundaries = null, loading = null;
  function loadBoundaries(done) {
    if (boundaries) { done(boundaries); return; }
    if (!el.dataset.boundaries) { return; }
    if (!loading) {
      loading = [];
      fetch(el.dataset.boundaries).then(function (r) { return r.json(); }).then(function (data) {
        var byAgs = {}, byName = {};
        function add(k, f, strict) { (byName[k] = byName[k] || []).push({ f: f, strict: strict }); }
        data.features.forEach(function (f) {
          var p = f.properties;
          p.kind = /stadt/i.test(p.bez) ? "city" : "district";
          byAgs[p.ags] = f;
          var full = words(fold(p.name)), bare = words(fold(p.name).replace(QUALIFIER, ""));
          add(full, f, false);
          if (bare !== full) { add(bare, f, false); }
          // "Region Hannover", "Städteregion Aachen": "Hannover" alone is the city, not the Kreis.
          var plain = words(fold(p.name).replace(/^(region|staedteregion|regionalverband)\s+/, ""));
          if (plain !== full) { add(plain, f, true); }
        });
        boundaries = { byAgs: byAgs, byName: byName, data: data };
        loading.forEach(function (cb) { cb(boundaries); });
      }).catch(function () { loading = null; });
    }
    loading.push(done);
  }
  function findKreis(row, index) {
    if (row.ags && index.byAgs[row.ags]) { return index.byAgs[row.ags]; }
    var k = kreisKey(row.place || "");
    function fits(c) { return (!c.strict || k.kind === "district") && (!k.kind || c.f.properties.kind === k.kind); }
    var cands = (index.byName[k.key] || []).filter(fits);
    if (!cands.length) { cands = (index.byName[k.bare] || []).filter(fits); }
    if (!cands.length) { return null; }
    // A name shared by a city and its Landkreis ("Leipzig") is the city unless it says otherwise.
    var city = cands.filter(function (c) { return c.f.properties.kind === "city"; })[0];
    return (city || cands[0]).f;
  }

  // ---- number style and quantile classes ----
  // ColorBrewer YlGnBu, five classes: sequential and safe for colour-blind readers.
  var PALETTE = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"];
  var NO_VALUE = "#d9dde3";
  function formatter(values) {
    var decimals = 0;
    values.forEach(function (v) {
      var s = String(v), i = s.indexOf(".");
      if (i >= 0) { decimals = Math.max(decimals, Math.min(2, s.length - i - 1)); }
    });
    var nf = new Intl.NumberFormat(locale, { maximumFractionDigits: decimals, minimumFractionDigits: decimals });
    // A real minus sign: "−1,5 – −0,7" reads as a range, "-1,5 – -0,7" hardly.
    return function (v) { return nf.format(v).replace("-", "\u2212"); };
  }
  function quantiles(values) {
    var s = values.slice().sort(function (a, b) { return a - b; });
    var k = Math.min(PALETTE.length, s.filter(function (v, i) { return i === 0 || v !== s[i - 1]; }).length);
    var cuts = [];
    for (var j = 1; j < k; j++) {
      var c = s[Math.floor(j * s.length / k)];
      if (c > s[0] && cuts.indexOf(c) < 0) { cuts.push(c); }
    }
    var n = cuts.length + 1;
    var classes = [];
    for (var i = 0; i < n; i++) {
      var colour = PALETTE[n === 1 ? 2 : Math.round(i * (PALETTE.length - 1) / (n - 1))];
      classes.push({ colour: colour, min: Infinity, max: -Infinity });
    }
    function classOf(v) { var i = 0; while (i < cuts.length && v >= cuts[i]) { i++; } return i; }
    s.forEach(function (v) { var c = classes[classOf(v)]; c.min = Math.min(c.min, v); c.max = Math.max(c.max, v); });
    return { classes: classes, classOf: classOf };
  }

  // ---- the offline base map: every Kreis as a quiet outline, the Länder a little stronger ----
  if (!small && !el.dataset.tiles) {
    loadBoundaries(function (index) {
      L.geoJSON(index.data, {
        pane: "kreise", interactive: false, attribution: ui.attribution,
        style: { color: "#b4c0cc", weight: 0.6, fillColor: "#f8fafc", fillOpacity: 1 }
      }).addTo(map);
    });
    if (el.dataset.laender) {
      fetch(el.dataset.laender).then(function (r) { return r.json(); }).then(function (data) {
        L.geoJSON(data, {
          pane: "laender", interactive: false,
          style: { color: "#8190a0", weight: 1.2, fill: false }
        }).addTo(map);
      }).catch(function () { /* the Kreise alone still make a map */ });
    }
  }

  // ---- the dataset layer ----
  var symbols = L.layerGroup().addTo(map);
  var choropleth = null, legend = null;
  var select = document.getElementById("layer");
  function valueOf(r, column) {
    var v = r.values[column];
    return (v === null || v === undefined || v === "" || isNaN(Number(v))) ? null : Number(v);
  }
  // ``all``: every row of the layer, so that a symbol beside a choropleth keeps its true size.
  function drawSymbols(rows, column, fmt, all) {
    var values = rows.map(function (r) { return Math.abs(valueOf(r, column) || 0); });
    var max = Math.max.apply(null, (all || rows).map(function (r) { return Math.abs(valueOf(r, column) || 0); }).concat([1e-9]));
    rows.forEach(function (r, i) {
      if (typeof r.lat !== "number" || typeof r.lon !== "number") { return; }
      // Area proportional to the value: the radius grows with its square root.
      var radius = 4 + 26 * Math.sqrt(values[i] / max);
      var box = node("div");
      box.appendChild(node("b", null, r.place));
      box.appendChild(document.createElement("br"));
      var v = valueOf(r, column);
      box.appendChild(node("span", null, column + ": " + (v === null ? (ui.no_value || "–") : fmt(v))));
      L.circleMarker([r.lat, r.lon], { radius: radius, color: "#0b4f8a", weight: 1, fillColor: "#0b4f8a", fillOpacity: 0.25 })
        .bindPopup(box).addTo(symbols);
    });
  }
  function tooltip(row, feature, v, fmt, column) {
    var box = node("div", "choro-tip");
    var p = feature.properties;
    box.appendChild(node("b", null, row.place));
    if (kreisKey(row.place).key !== kreisKey(p.name).key) {
      box.appendChild(node("span", "muted", " (" + p.name + ")"));
    }
    box.appendChild(document.createElement("br"));
    box.appendChild(node("span", null, column + ": "));
    box.appendChild(node("b", null, v === null ? (ui.no_value || "–") : fmt(v)));
    return box;
  }
  function drawLegend(column, q, fmt, hasMissing, nSymbols) {
    legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var box = node("div", "choro-legend");
      L.DomEvent.disableClickPropagation(box);
      box.appendChild(node("div", "choro-title", column));
      box.appendChild(node("div", "choro-note", ui.quantiles || "quantiles"));
      q.classes.forEach(function (c) {
        var row = node("div", "choro-row");
        var sw = node("span", "choro-swatch"); sw.style.background = c.colour;
        row.appendChild(sw);
        row.appendChild(node("span", null, c.min === c.max ? fmt(c.min) : fmt(c.min) + " – " + fmt(c.max)));
        box.appendChild(row);
      });
      if (hasMissing) {
        var row = node("div", "choro-row");
        var sw = node("span", "choro-swatch"); sw.style.background = NO_VALUE;
        row.appendChild(sw); row.appendChild(node("span", null, ui.no_value || "–"));
        box.appendChild(row);
      }
      if (nSymbols) {
        var srow = node("div", "choro-row");
        srow.appendChild(node("span", "choro-swatch choro-circle"));
        srow.appendChild(node("span", null, ui.symbols || "circles"));
        box.appendChild(srow);
      }
      return box;
    };
    legend.addTo(map);
  }
  function clear() {
    symbols.clearLayers();
    if (choropleth) { map.removeLayer(choropleth); choropleth = null; }
    if (legend) { map.removeControl(legend); legend = null; }
  }
  function showLayer() {
    clear();
    if (!select || !select.value) { return; }
    var parts = select.value.split(":");
    var layer = layers.filter(function (l) { return String(l.id) === parts[1]; })[0];
    var column = parts.slice(2).join(":");
    if (!layer) { return; }
    var wanted = select.value;
    var fmt = formatter(layer.rows.map(function (r) { return valueOf(r, column); }).filter(function (v) { return v !== null; }));
    if (small || !el.dataset.boundaries || !boundaries) {
      // Symbols right away; once the boundaries have arrived they are redrawn as a choropleth.
      drawSymbols(layer.rows, column, fmt);
      if (small || !el.dataset.boundaries) { return; }
    }
    loadBoundaries(function (index) {
      if (select.value !== wanted) { return; }  // the user chose another layer meanwhile
      clear();
      var matched = [], rest = [], used = {};
      layer.rows.forEach(function (r) {
        var f = findKreis(r, index);
        if (f && !used[f.properties.ags]) { used[f.properties.ags] = true; matched.push({ row: r, feature: f }); } else { rest.push(r); }
      });
      // A table of towns that happen to share a Kreis name is no district table: symbols only.
      if (matched.length < 2 || matched.length * 2 < layer.rows.length) {
        drawSymbols(layer.rows, column, fmt);
        return;
      }
      var values = matched.map(function (m) { return valueOf(m.row, column); }).filter(function (v) { return v !== null; });
      var q = values.length ? quantiles(values) : { classes: [], classOf: function () { return 0; } };
      var byAgs = {};
      matched.forEach(function (m) { byAgs[m.feature.properties.ags] = m; });
      choropleth = L.geoJSON({ type: "FeatureCollection", features: matched.map(function (m) { return m.feature; }) }, {
        pane: "choropleth", attribution: ui.attribution,
        style: function (f) {
          var v = valueOf(byAgs[f.properties.ags].row, column);
          return {
            color: "#5b6b7b", weight: 0.8, fillOpacity: el.dataset.tiles ? 0.75 : 0.9,
            fillColor: v === null ? NO_VALUE : q.classes[q.classOf(v)].colour
          };
        },
        onEachFeature: function (f, lyr) {
          var m = byAgs[f.properties.ags];
          lyr.bindTooltip(tooltip(m.row, f, valueOf(m.row, column), fmt, column), { sticky: true, direction: "top", className: "choro-tooltip" });
          lyr.on("mouseover", function () { lyr.setStyle({ weight: 2.2, color: "#1d2733" }); lyr.bringToFront(); });
          lyr.on("mouseout", function () { choropleth.resetStyle(lyr); });
        }
      }).addTo(map);
      drawSymbols(rest, column, fmt, layer.rows);
      drawLegend(column, q, fmt, values.length < matched.length, rest.length);
      map.fitBounds(choropleth.getBounds(), { padding: [24, 24], maxZoom: 10, animate: false });
    });
  }
  if (select) {
    // ?layer=DATASET:COLUMN (or just DATASET) opens the map with that layer; the choice is kept
    // in the address so that a link shows the same map.
    var asked = new URLSearchParams(window.location.search).get("layer");
    if (asked) {
      var want = asked.split(":"), pick = null;
      Array.prototype.forEach.call(select.options, function (o) {
        var v = o.value.split(":");
        if (!pick && v[1] === want[0] && (want.length < 2 || v.slice(2).join(":") === want.slice(1).join(":"))) { pick = o; }
      });
      if (pick) { select.value = pick.value; showLayer(); }
    }
    select.addEventListener("change", function () {
      var params = new URLSearchParams(window.location.search);
      if (select.value) { params.set("layer", select.value.split(":").slice(1).join(":")); } else { params.delete("layer"); }
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
      showLayer();
    });
  }
  // For tests and the console: the name join on the loaded boundaries (null until loaded).
  window.hafenMap = {
    kreisKey: kreisKey,
    findKreis: function (name) {
      var f = boundaries && findKreis({ place: name }, boundaries);
      return f ? f.properties.ags : null;
    }
  };
})();
