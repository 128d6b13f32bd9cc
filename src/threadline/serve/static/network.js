// Network view: cytoscape.js over the graph embedded in the page. Nodes are coloured by community and
// edges by link type, with the colours of the legends' swatches (one source: charts.css); the main
// actors' labels show, the others on hover or when zoomed in; a node lists its links (entity page,
// ego view), an edge its evidence sentences.
(function () {
  "use strict";
  var source = document.getElementById("graph-data");
  var container = document.getElementById("cy");
  var body = document.getElementById("details-body");
  if (!source || !container || typeof cytoscape !== "function") return;
  var graph = JSON.parse(source.textContent);

  function swatchColour(selector, fallback) {
    var el = document.querySelector(selector);
    return el ? getComputedStyle(el).backgroundColor : fallback;
  }
  var other = swatchColour('[data-community="other"]', "#8c959f");
  var communityColour = {};
  document.querySelectorAll("[data-community]").forEach(function (el) {
    communityColour[el.getAttribute("data-community")] = getComputedStyle(el).backgroundColor;
  });
  var edgeColour = {};
  document.querySelectorAll("[data-edge-type]").forEach(function (el) {
    edgeColour[el.getAttribute("data-edge-type")] = getComputedStyle(el).backgroundColor;
  });

  var names = {}, nodes = {};
  var degree = {};
  graph.edges.forEach(function (e) {
    degree[e.source] = (degree[e.source] || 0) + e.weight;
    degree[e.target] = (degree[e.target] || 0) + e.weight;
  });
  var ranked = graph.nodes.slice().sort(function (a, b) { return (degree[b.id] || 0) - (degree[a.id] || 0); });
  var hubs = {};
  ranked.slice(0, 12).forEach(function (n) { hubs[n.id] = true; });
  var elements = graph.nodes.map(function (n) {
    names[n.id] = n.name;
    nodes[n.id] = n;
    var colour = communityColour[String(n.community)] || other;
    return { group: "nodes", classes: hubs[n.id] || n.id === graph.ego ? "hub" : "",
             data: { id: n.id, label: n.name, type: n.type, mentions: n.mentions || 1, colour: colour } };
  });
  var edges = {};
  graph.edges.forEach(function (e) {
    edges[e.id] = e;
    elements.push({ group: "edges", data: { id: e.id, source: e.source, target: e.target, type: e.type, weight: e.weight,
                                              colour: edgeColour[e.type] || "#afb8c1" } });
  });
  var shapes = { PERSON: "ellipse", ORG: "round-rectangle", GPE: "diamond", NORP: "hexagon" };
  var cy = cytoscape({
    container: container,
    elements: elements,
    minZoom: 0.2,
    maxZoom: 4,
    style: [
      { selector: "node", style: {
        label: "data(label)", "font-size": 9, "min-zoomed-font-size": 10, color: "#1f2328",
        "background-color": "data(colour)", shape: function (n) { return shapes[n.data("type")] || "ellipse"; },
        width: "mapData(mentions, 1, 80, 12, 40)", height: "mapData(mentions, 1, 80, 12, 40)",
        "text-valign": "top", "text-margin-y": -3, "border-width": 1, "border-color": "#fff" } },
      { selector: "node.hub", style: { "font-size": 12, "font-weight": 600, "min-zoomed-font-size": 0,
        "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 1 } },
      { selector: "node.hover", style: { "font-size": 13, "min-zoomed-font-size": 0, "z-index": 20,
        "text-background-color": "#fff8c5", "text-background-opacity": 1, "text-background-padding": 2 } },
      { selector: "edge", style: { width: "mapData(weight, 1, 20, 1, 8)", "line-color": "data(colour)", "curve-style": "bezier", opacity: 0.75 } },
      { selector: "edge.hover", style: { opacity: 1, "z-index": 10 } },
      { selector: ":selected", style: { "border-color": "#1f2328", "border-width": 3, "line-style": "dashed", opacity: 1 } }
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: function () { return 12000; },
              idealEdgeLength: function () { return 110; }, nodeOverlap: 20, componentSpacing: 80 }
  });
  window.threadlineNetwork = cy;  // for scripting and tests
  cy.on("mouseover", "node", function (event) { event.target.addClass("hover"); });
  cy.on("mouseout", "node", function (event) { event.target.removeClass("hover"); });
  cy.on("mouseover", "edge", function (event) { event.target.addClass("hover"); });
  cy.on("mouseout", "edge", function (event) { event.target.removeClass("hover"); });

  function clear() { while (body.firstChild) body.removeChild(body.firstChild); }
  function add(tag, text, parent) {
    var el = document.createElement(tag);
    if (text) el.textContent = text;
    (parent || body).appendChild(el);
    return el;
  }
  function link(href, text, parent, className) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (className) a.className = className;
    (parent || body).appendChild(a);
    return a;
  }
  cy.on("tap", "node", function (event) {
    var n = nodes[event.target.id()];
    if (!body || !n) return;
    clear();
    add("p", n.name + " (" + n.type + ", " + n.mentions + " mentions)");
    var list = add("ul");
    link("/entities/" + encodeURIComponent(n.id), "entity page", add("li", "", list), "entity-link");
    var params = new URLSearchParams(window.location.search);
    params.set("actor", n.id);
    link("/network?" + params.toString(), "ego view: " + n.name + " and its links", add("li", "", list), "ego-link");
  });
  cy.on("tap", "edge", function (event) {
    var e = edges[event.target.id()];
    if (!body || !e) return;
    clear();
    add("p", (names[e.source] || e.source) + " \u2014 " + (names[e.target] || e.target) + " (" + e.type + ", " + e.weight + ")");
    var list = add("ol");
    e.evidence.slice(0, e.sentences.length || 5).forEach(function (ev, i) {
      var li = add("li", "", list);
      link(ev.url, e.sentences[i] || "sentence in " + ev.doc.slice(0, 8), li, "evidence-link");
    });
    if (e.evidence.length > e.sentences.length) add("p", (e.evidence.length - e.sentences.length) + " more in the table below.").className = "muted small";
  });
})();
