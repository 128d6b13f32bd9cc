"""Chart geometry: calendar spans of dates, hedges drawn as ranges, the network picture."""

from __future__ import annotations

from datetime import date

import pytest

from threadline.serve.charts import bars, day_range, figure_chart, network_picture, timeline_chart


@pytest.mark.parametrize(
    ("value", "first", "days"),
    [("2024-03-05", date(2024, 3, 5), 1), ("2024-02", date(2024, 2, 1), 29), ("2023", date(2023, 1, 1), 365),
     ("2024-W10", date(2024, 3, 4), 7), ("2024-03-05T10:00", date(2024, 3, 5), 1), ("2024-12", date(2024, 12, 1), 31)],
)
def test_charts_day_range_covers_the_precision(value, first, days):
    start, end = day_range(value)
    assert date.fromordinal(start) == first and end - start == days


@pytest.mark.parametrize("value", [None, "", "P18M", "PRESENT_REF", "2024-13", "2024-02-30"])
def test_charts_day_range_refuses_non_calendar_values(value):
    assert day_range(value) is None


def figure(i, value, qualifier="exact", low=None, high=None):
    return {"id": f"f-d-{i}", "text": str(value), "value": value, "low": low, "high": high, "qualifier": qualifier,
            "claimant": {"name": f"source {i}"}, "as_of": {"value": "2024-01"}, "evidence": {"url": f"/documents/d?hl={i}-{i + 1}#evidence"}}


def test_charts_figures_draw_hedges_as_ranges_on_a_log_scale():
    chart = figure_chart({"figures": [figure(0, 200, "about"), figure(1, 14000, low=14000, high=15000), figure(2, 14, "at least"), figure(3, 15000, "up to")]})
    assert chart["log"] and [t["label"] for t in chart["ticks"]] == ["10", "100", "1k", "10k", "100k"]
    about, ranged, at_least, up_to = chart["rows"]
    assert about["x1"] < about["cx"] < about["x2"] and not (about["open_left"] or about["open_right"])
    assert ranged["x1"] == ranged["cx"] < ranged["x2"]
    assert at_least["open_right"] and at_least["x2"] == chart["right"]
    assert up_to["open_left"] and up_to["x1"] == chart["left"]
    assert [r["url"] for r in chart["rows"]] == [f"/documents/d?hl={i}-{i + 1}#evidence" for i in range(4)]


def test_charts_figures_exact_values_have_no_range_and_linear_scale():
    chart = figure_chart({"figures": [figure(0, 10), figure(1, 12)]})
    assert not chart["log"] and all(r["x1"] is None for r in chart["rows"]) and chart["rows"][0]["cx"] < chart["rows"][1]["cx"]
    assert figure_chart({"figures": []})["rows"] == []


def test_charts_timeline_places_marks_by_precision():
    event = {"id": "e-d-0", "type": "recruitment", "time": {"value": "2024-03", "precision": "month"}, "args": {},
             "trigger": {"text": "recruited"}, "evidence": {"url": "/documents/d?hl=0-5#evidence"}}
    day = {**event, "id": "e-d-1", "time": {"value": "2024-03-20", "precision": "day"}}
    pub = {"id": "d", "title": "t", "outlet": "o", "published": {"value": "2024-04-01T10:00", "precision": "minute"}}
    chart = timeline_chart([event, day], [pub])
    assert [lane["name"] for lane in chart["lanes"]] == ["recruitment", "publications"]
    month, single, published = chart["marks"]
    assert not month["point"] and month["x"] < single["cx"] < month["x"] + month["w"]
    assert single["point"] and published["cx"] > single["cx"] and published["url"] == "/documents/d"
    assert timeline_chart([], [])["marks"] == []


def test_charts_timeline_spanning_centuries_gets_decade_ticks():
    # a corpus citing a year centuries back ("the 1666 fire") next to this year's events
    old = {"id": "e-d-0", "type": "disaster", "time": {"value": "1666", "precision": "year"}, "args": {},
           "trigger": {"text": "fire"}, "evidence": {"url": "/documents/d?hl=0-4#evidence"}}
    new = {**old, "id": "e-d-1", "time": {"value": "2005-03-01", "precision": "day"}}
    chart = timeline_chart([old, new], [])
    years = [int(t["label"]) for t in chart["ticks"]]
    assert 2 <= len(years) <= 11 and all(y % 10 == 0 for y in years) and years == sorted(years)


def test_charts_bars_and_network_picture_are_deterministic():
    chart = bars([("2024-01", 2), ("2024-02", 4)])
    assert chart["bars"][1]["h"] == 2 * chart["bars"][0]["h"]
    graph = {"nodes": [{"id": c, "name": c.upper(), "type": "GPE", "mentions": 3} for c in "abcd"],
             "edges": [{"source": "a", "target": b, "weight": 2, "type": "co-occurrence"} for b in "bcd"]}
    one, two = network_picture(graph), network_picture(graph)
    assert one == two and len(one["nodes"]) == 4 and len(one["edges"]) == 3
    assert all(60 <= n["x"] <= one["width"] - 60 and 60 <= n["y"] <= one["height"] - 60 for n in one["nodes"])


@pytest.mark.parametrize("nodes", [[], [{"id": "a", "name": "A", "type": "PERSON", "mentions": 2}]])
def test_charts_network_picture_without_edges_is_empty(nodes):
    picture = network_picture({"nodes": nodes, "edges": [], "edge_types": []})
    assert picture["nodes"] == [] and picture["edges"] == [] and picture["width"] > 0


def test_charts_empty_inputs_draw_no_marks():
    assert bars([])["bars"] == []
    assert timeline_chart([], [])["marks"] == []
    assert figure_chart({"figures": []})["rows"] == []
