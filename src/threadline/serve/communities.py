"""Communities of a weighted graph: Louvain's local moving of nodes to the neighbouring community that most raises modularity."""

from __future__ import annotations

from collections import defaultdict


def communities(edges: list[tuple[str, str, float]], rounds: int = 20) -> dict[str, int]:
    """Community number of every node, 0 for the largest (by members, then total weight).

    Deterministic: nodes are visited in id order and a tie keeps the node where it is,
    else goes to the lowest-numbered community. One level of Louvain (no aggregation),
    which is enough for the few hundred edges a page shows.
    """
    adj: dict[str, dict[str, float]] = defaultdict(dict)
    for a, b, w in edges:
        if a != b:
            adj[a][b] = adj[a].get(b, 0.0) + w
            adj[b][a] = adj[b].get(a, 0.0) + w
    nodes = sorted(adj)
    m2 = sum(sum(nb.values()) for nb in adj.values())
    if not m2:
        return {n: i for i, n in enumerate(nodes)}
    degree = {n: sum(adj[n].values()) for n in nodes}
    member = {n: i for i, n in enumerate(nodes)}
    total = {i: degree[n] for i, n in enumerate(nodes)}
    for _ in range(rounds):
        moved = False
        for n in nodes:
            here = member[n]
            total[here] -= degree[n]
            links: dict[int, float] = defaultdict(float)
            for other, w in adj[n].items():
                links[member[other]] += w
            best, gain = here, links.get(here, 0.0) - total[here] * degree[n] / m2
            for c in sorted(links):
                g = links[c] - total[c] * degree[n] / m2
                if g > gain + 1e-12:
                    best, gain = c, g
            member[n] = best
            total[best] += degree[n]
            moved = moved or best != here
        if not moved:
            break
    groups: dict[int, list[str]] = defaultdict(list)
    for n, c in member.items():
        groups[c].append(n)
    ranked = sorted(groups.values(), key=lambda ns: (-len(ns), -sum(degree[n] for n in ns), min(ns)))
    return {n: i for i, ns in enumerate(ranked) for n in ns}
