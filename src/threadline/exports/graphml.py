"""GraphML of the actor graph (relations and co-occurrence) for Gephi, every edge with its evidence."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

from ..files import replacing
from ..store import Store

NS = "http://graphml.graphdrawing.org/xmlns"
NODE_KEYS = (("label", "string"), ("type", "string"), ("country", "string"), ("mentions", "int"))
EDGE_KEYS = (("type", "string"), ("kind", "string"), ("weight", "double"), ("evidence", "string"))


def write_graphml(store: Store, path: Path) -> dict[str, int]:
    from ..read.features import actor_graph

    graph = actor_graph(store)
    root = ET.Element("graphml", xmlns=NS)
    for scope, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, kind in keys:
            ET.SubElement(root, "key", {"id": f"{scope[0]}_{name}", "for": scope, "attr.name": name, "attr.type": kind})
    g = ET.SubElement(root, "graph", id="threadline", edgedefault="undirected")
    for n in graph["nodes"]:
        node = ET.SubElement(g, "node", id=n["id"])
        values = {"label": n.get("name"), "type": n.get("type"), "country": n.get("country"), "mentions": n.get("mentions")}
        for name, _ in NODE_KEYS:
            if values[name] is not None:
                ET.SubElement(node, "data", key=f"n_{name}").text = str(values[name])
    for e in graph["edges"]:
        edge = ET.SubElement(g, "edge", id=e["id"], source=e["source"], target=e["target"])
        evidence = [{"doc": x["doc"], "start": x["start"], "end": x["end"]} for x in e["evidence"]]
        values = {"type": e.get("type") or "related", "kind": e.get("kind") or e.get("type") or "related",
                  "weight": float(e.get("weight") or 1), "evidence": json.dumps(evidence)}
        for name, _ in EDGE_KEYS:
            ET.SubElement(edge, "data", key=f"e_{name}").text = str(values[name])
    ET.indent(root)
    with replacing(path) as tmp:
        ET.ElementTree(root).write(tmp, encoding="utf-8", xml_declaration=True)
    return {"nodes": len(graph["nodes"]), "edges": len(graph["edges"])}
