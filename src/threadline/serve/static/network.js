// Network view: cytoscape.js over the graph embedded in the page; nodes open entity pages, edges list evidence.
(function () {
  "use strict";
  var source = document.getElementById("graph-data");
  var container = document.getElementById("cy");
  var body = document.getElementById("details-body");
  if (!source || !container || typeof cytoscape !== "function") return;
  var graph = JSON.parse(source.textContent);
  var names = {};
  var elements = graph.nodes.map(function (n) {
    names[n.id] = n.name;
    return { group: "nodes", data: { id: n.id, label: n.name, type: n.type, mentions: n.mentions || 1 } };
  });
  var evidence = {};
  graph.edges.forEach(function (e) {
    evidence[e.id] = e;
    elements.push({ group: "edges", data: { id: e.id, source: e.source, target: e.target, type: e.type, weight: e.weight } });
  });
  var colours = { PERSON: "#0969da", ORG: "#8250df", GPE: "#1a7f37", NORP: "#bf8700" };
  var cy = cytoscape({
    container: container,
    elements: elements,
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 10, "background-color": function (n) { return colours[n.data("type")] || "#57606a"; },
        width: "mapData(mentions, 1, 60, 12, 44)", height: "mapData(mentions, 1, 60, 12, 44)", "text-valign": "top", "text-margin-y": -2 } },
      { selector: "edge", style: { width: "mapData(weight, 1, 20, 1, 8)", "line-color": "#d4a72c", "curve-style": "bezier", opacity: 0.8 } },
      { selector: "edge[type = 'co-occurrence']", style: { "line-color": "#afb8c1", "line-style": "solid" } },
      { selector: ":selected", style: { "line-color": "#cf222e", "background-color": "#cf222e" } }
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: function () { return 9000; }, idealEdgeLength: function () { return 90; } }
  });
  window.threadlineNetwork = cy;  // for scripting and tests
  cy.on("tap", "node", function (event) {
    window.location.href = "/entities/" + encodeURIComponent(event.target.id());
  });
  cy.on("tap", "edge", function (event) {
    var e = evidence[event.target.id()];
    if (!body || !e) return;
    while (body.firstChild) body.removeChild(body.firstChild);
    var head = document.createElement("p");
    head.textContent = (names[e.source] || e.source) + " \u2014 " + (names[e.target] || e.target) + " (" + e.type + ", " + e.weight + ")";
    body.appendChild(head);
    var list = document.createElement("ol");
    e.evidence.forEach(function (ev) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = ev.url;
      a.className = "evidence-link";
      a.textContent = "sentence in " + ev.doc.slice(0, 8) + " @" + ev.start;
      li.appendChild(a);
      list.appendChild(li);
    });
    body.appendChild(list);
  });
})();
