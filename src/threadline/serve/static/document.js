// Document view: click a highlighted span to see every item covering it, with links.
(function () {
  "use strict";
  var source = document.getElementById("span-data");
  var text = document.getElementById("doctext");
  var body = document.getElementById("details-body");
  if (!source || !text || !body) return;
  var spans = JSON.parse(source.textContent);
  var byId = {};
  Object.keys(spans).forEach(function (kind) {
    spans[kind].forEach(function (item) { byId[item.id] = item; });
  });

  function el(tag, content, cls) {
    var node = document.createElement(tag);
    if (content !== undefined && content !== null) node.textContent = String(content);
    if (cls) node.className = cls;
    return node;
  }
  function link(href, label) {
    var a = el("a", label);
    a.href = href;
    return a;
  }
  function line(label, value) {
    var p = el("div", null, "small");
    p.appendChild(el("span", label + ": ", "muted"));
    if (value instanceof Node) p.appendChild(value); else p.appendChild(document.createTextNode(value == null ? "" : String(value)));
    return p;
  }
  function entity(e) {
    return e ? link("/entities/" + encodeURIComponent(e.id), e.name) : document.createTextNode("unresolved");
  }
  function describe(v) {
    var box = el("div", null, "item");
    box.appendChild(el("b", v.kind));
    box.appendChild(el("div", "\u201c" + v.text.slice(0, 300) + (v.text.length > 300 ? "\u2026" : "") + "\u201d", "small"));
    if (v.kind === "mention") { box.appendChild(line("label", v.label)); box.appendChild(line("entity", entity(v.entity))); }
    if (v.kind === "attribution") {
      box.appendChild(line("type", v.type));
      box.appendChild(line("speaker", v.speaker ? entity(v.speaker) : (v.source ? v.source.text : "unnamed")));
      if (v.cue) box.appendChild(line("cue", v.cue.text));
    }
    if (v.kind === "timex") { box.appendChild(line("date", v.words)); box.appendChild(line("precision", v.precision)); }
    if (v.kind === "figure") {
      box.appendChild(line("value", v.low != null && v.high != null ? v.low + "\u2013" + v.high : v.value));
      box.appendChild(line("qualifier", v.qualifier)); box.appendChild(line("unit", v.unit));
      box.appendChild(line("measure", v.measure));
      box.appendChild(line("claimant", v.claimant.entity ? entity(v.claimant.entity) : v.claimant.name));
      box.appendChild(line("as of", v.as_of ? v.as_of.words : "undated"));
      box.appendChild(link("/figures?measure=" + encodeURIComponent(v.measure_key || v.measure || ""), "in the figures ledger"));
    }
    if (v.kind === "event") {
      box.appendChild(line("type", v.type)); box.appendChild(line("when", v.time.words));
      Object.keys(v.args).forEach(function (role) {
        var a = v.args[role];
        box.appendChild(line(role, a.entity ? entity(a.entity) : a.text));
      });
    }
    if (v.kind === "indicator") box.appendChild(line("indicator", v.label));
    if (v.evidence) { box.appendChild(document.createTextNode(" ")); box.appendChild(link(v.evidence.url, "highlight the sentence")); }
    return box;
  }
  text.addEventListener("click", function (event) {
    var seg = event.target.closest(".s");
    if (!seg) return;
    var ids = (seg.getAttribute("data-ids") || "").split(" ").filter(Boolean);
    while (body.firstChild) body.removeChild(body.firstChild);
    ids.forEach(function (id) { if (byId[id]) body.appendChild(describe(byId[id])); });
    if (!ids.length) body.appendChild(el("p", "Evidence highlight.", "muted small"));
  });
})();
