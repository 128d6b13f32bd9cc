// Timeline brush: drag across the chart to show only those dates (since/until in the URL, so the view can be shared).
(function () {
  "use strict";
  var svg = document.querySelector("#timeline svg.timeline-chart");
  if (!svg || !svg.hasAttribute("data-lo")) return;
  var NS = "http://www.w3.org/2000/svg";
  var lo = +svg.getAttribute("data-lo"), hi = +svg.getAttribute("data-hi");
  var left = +svg.getAttribute("data-left"), right = +svg.getAttribute("data-right"), width = +svg.getAttribute("data-width");
  var EPOCH = 719163;  // the proleptic Gregorian ordinal of 1970-01-01
  var start = null, band = null;
  function x(event) {
    var box = svg.getBoundingClientRect();
    return Math.min(Math.max((event.clientX - box.left) / box.width * width, left), right);
  }
  function iso(ordinal) { return new Date((Math.floor(ordinal) - EPOCH) * 86400000).toISOString().slice(0, 10); }
  function day(at) { return lo + (at - left) / (right - left) * (hi - lo); }
  svg.addEventListener("pointerdown", function (event) {
    if (event.button !== 0 || event.target.closest("a")) return;
    start = x(event);
    band = document.createElementNS(NS, "rect");
    band.setAttribute("class", "brush");
    band.setAttribute("x", start); band.setAttribute("width", 0);
    band.setAttribute("y", 0); band.setAttribute("height", svg.viewBox.baseVal.height);
    svg.appendChild(band);
    svg.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  svg.addEventListener("pointermove", function (event) {
    if (start === null) return;
    var now = x(event);
    band.setAttribute("x", Math.min(start, now)); band.setAttribute("width", Math.abs(now - start));
  });
  svg.addEventListener("pointerup", function (event) {
    if (start === null) return;
    var end = x(event), a = Math.min(start, end), b = Math.max(start, end);
    start = null;
    if (b - a < 4) { band.remove(); return; }
    var params = new URLSearchParams(window.location.search);
    params.set("since", iso(day(a)));
    params.set("until", iso(Math.max(day(a) + 1, day(b)) - 1));
    params.delete("offset");
    window.location.search = params.toString();
  });
})();
