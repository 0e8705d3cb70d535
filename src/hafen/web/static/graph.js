// Interactive entity network: filter by type and topic, neighbourhood on click, profile on double-click.
(function () {
  "use strict";
  var box = document.getElementById("cy");
  if (!box || !window.cytoscape) { return; }
  var colours = JSON.parse(box.dataset.colours || "{}");
  var cy;
  var focusId = null;

  function size(n, maxB) {
    return 14 + 46 * Math.sqrt(n.betweenness / maxB);
  }

  function build(data) {
    var maxB = Math.max.apply(null, data.nodes.map(function (n) { return n.betweenness; }).concat([1e-9]));
    var elements = data.nodes.map(function (n) {
      return { group: "nodes", data: { id: "n" + n.id, eid: n.id, label: n.name, type: n.type,
        size: size(n, maxB), colour: colours[n.type] || "#777" } };
    });
    data.edges.forEach(function (e, i) {
      // A single shared document is too weak a tie to draw; it still counts for centrality.
      if (e.type === "co_mention" && e.weight < 2) { return; }
      elements.push({ group: "edges", data: { id: "e" + i, source: "n" + e.source, target: "n" + e.target,
        type: e.type, weight: e.weight } });
    });
    cy = cytoscape({
      container: box,
      elements: elements,
      wheelSensitivity: 0.3,
      minZoom: 0.15,
      maxZoom: 4,
      style: [
        { selector: "node", style: { "background-color": "data(colour)", width: "data(size)", height: "data(size)",
          label: "", "font-size": 10, color: "#1b2430", "text-valign": "bottom", "text-margin-y": 3,
          "text-outline-color": "#fff", "text-outline-width": 2, "min-zoomed-font-size": 7 } },
        { selector: "edge", style: { width: 1.6, "line-color": "#8fa3b8", "curve-style": "bezier",
          "target-arrow-shape": "triangle", "target-arrow-color": "#8fa3b8", "arrow-scale": 0.7 } },
        { selector: "edge[type = 'cooperates_with']", style: { "target-arrow-shape": "none", "line-color": "#1f5fa8" } },
        { selector: "edge[type = 'co_mention']", style: { width: 0.6, "line-color": "#d5dde6", "target-arrow-shape": "none", opacity: 0.6 } },
        { selector: "node[size >= 22], node.focus, node.near", style: { label: "data(label)" } },
        { selector: ".hidden", style: { display: "none" } },
        { selector: ".faded", style: { opacity: 0.12 } },
        { selector: "node.focus", style: { "border-width": 3, "border-color": "#111" } }
      ],
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: function () { return 60000; },
        idealEdgeLength: function () { return 90; }, nodeOverlap: 20, componentSpacing: 60, gravity: 40,
        numIter: 2000, padding: 20 }
    });
    window.hafenGraph = cy;  // for the end-to-end tests and the console
    cy.on("tap", "node", function (ev) { setFocus(ev.target.data("eid"), ev.target.data("label")); });
    cy.on("dbltap", "node", function (ev) { window.location.href = "/entity/" + ev.target.data("eid"); });
    cy.on("tap", function (ev) { if (ev.target === cy) { setFocus(null); } });
    apply();
    var initial = parseInt(box.dataset.focus, 10);
    if (!isNaN(initial)) {
      var node = cy.getElementById("n" + initial);
      if (node.nonempty()) { setFocus(initial, node.data("label")); }
    }
  }

  function checkedTypes() {
    var out = {};
    document.querySelectorAll("input[name=type]").forEach(function (c) { out[c.value] = c.checked; });
    return out;
  }

  function apply() {
    var types = checkedTypes();
    var showCo = document.getElementById("comention").checked;
    var topic = document.getElementById("topic").value;
    var keep = null;
    if (topic) {
      var t = cy.getElementById("n" + topic);
      keep = t.closedNeighborhood().nodes();
    }
    cy.batch(function () {
      cy.nodes().forEach(function (n) {
        var visible = types[n.data("type")] !== false && (!keep || keep.contains(n));
        n.toggleClass("hidden", !visible);
      });
      cy.edges().forEach(function (e) {
        e.toggleClass("hidden", e.data("type") === "co_mention" && !showCo);
      });
      if (!document.getElementById("isolated").checked) {
        cy.nodes().forEach(function (n) {
          if (n.connectedEdges().filter(function (e) { return !e.hasClass("hidden"); }).empty()) {
            n.addClass("hidden");
          }
        });
      }
    });
    if (focusId === null) { cy.fit(cy.elements(":visible"), 30); }
    highlight();
  }

  function highlight() {
    cy.elements().removeClass("faded focus near");
    if (focusId === null) { return; }
    var node = cy.getElementById("n" + focusId);
    if (node.empty()) { return; }
    var near = node.closedNeighborhood();
    cy.elements().not(near).addClass("faded");
    near.nodes().addClass("near");
    node.addClass("focus");
    cy.animate({ fit: { eles: near.filter(":visible"), padding: 40 }, duration: 300 });
  }

  function setFocus(id, name) {
    focusId = id;
    var fb = document.getElementById("focusbox");
    fb.hidden = id === null;
    if (id !== null) {
      var link = document.getElementById("focuslink");
      link.textContent = name;
      link.href = "/entity/" + id;
    }
    highlight();
  }

  document.querySelectorAll("input[name=type], #comention, #topic, #isolated").forEach(function (c) {
    c.addEventListener("change", apply);
  });
  document.getElementById("reset").addEventListener("click", function () {
    setFocus(null);
    cy.fit(cy.elements(":visible"), 30);
  });
  fetch("/api/graph").then(function (r) { return r.json(); }).then(build);
})();
