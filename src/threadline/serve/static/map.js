// Map view: the vendored world-atlas countries drawn with d3-geo; countries shaded and places sized by mentions.
(function () {
  "use strict";
  var source = document.getElementById("map-data");
  var svg = document.getElementById("map");
  if (!source || !svg || !window.d3 || !window.topojson) return;
  var data = JSON.parse(source.textContent);
  var NS = "http://www.w3.org/2000/svg";
  function node(tag, attrs, title) {
    var n = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (title) { var t = document.createElementNS(NS, "title"); t.textContent = title; n.appendChild(t); }
    return n;
  }
  function linked(href, child) {
    var a = document.createElementNS(NS, "a");
    a.setAttribute("href", href);
    a.appendChild(child);
    return a;
  }
  fetch("/static/vendor/world-atlas/countries-110m.json").then(function (r) { return r.json(); }).then(function (world) {
    var projection = d3.geoNaturalEarth1().fitSize([960, 500], { type: "Sphere" });
    var path = d3.geoPath(projection);
    var byNumeric = {};
    var top = 1;
    data.countries.forEach(function (c) { if (c.numeric) byNumeric[c.numeric] = c; top = Math.max(top, c.mentions); });
    var land = node("g", { class: "countries" });
    topojson.feature(world, world.objects.countries).features.forEach(function (f) {
      var c = byNumeric[f.id];
      var attrs = { d: path(f) || "", class: c ? "land hit" : "land" };
      if (c) attrs["fill-opacity"] = (0.35 + 0.65 * Math.sqrt(c.mentions / top)).toFixed(2);
      land.appendChild(node("path", attrs, c ? c.name + ": " + c.mentions + " mentions" : (f.properties && f.properties.name) || ""));
    });
    svg.appendChild(land);
    var flows = node("g", { class: "flows" });
    var heaviest = 1;
    data.flows.forEach(function (f) { heaviest = Math.max(heaviest, f.events); });
    data.flows.forEach(function (f, i) {
      var line = { type: "LineString", coordinates: [[f.origin.lon, f.origin.lat], [f.destination.lon, f.destination.lat]] };
      var p = node("path", { d: path(line) || "", class: "flow", "stroke-width": (1.5 + 5 * Math.sqrt(f.events / heaviest)).toFixed(1) },
        f.origin.name + " \u2192 " + f.destination.name + ": " + f.events + (f.events === 1 ? " event" : " events") + " (click for the evidence)");
      flows.appendChild(linked("#flow-" + (i + 1), p));
    });
    svg.appendChild(flows);
    var peak = 1;
    data.places.forEach(function (p) { peak = Math.max(peak, p.mentions); });
    var places = node("g", { class: "places" });
    data.places.forEach(function (p) {
      var xy = projection([p.lon, p.lat]);
      if (!xy) return;
      var c = node("circle", { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: (2.5 + 14 * Math.sqrt(p.mentions / peak)).toFixed(1), class: "place" },
        p.name + " (" + p.type + "): " + p.mentions + " mentions");
      places.appendChild(linked("/entities/" + encodeURIComponent(p.id), c));
    });
    svg.appendChild(places);
    svg.setAttribute("data-ready", "true");
  });
})();
