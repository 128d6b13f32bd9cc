"""Exports: JSON unchanged, CSV and Parquet per table, GraphML for Gephi, FollowTheMoney for Aleph."""

from __future__ import annotations

import csv
import io
import json

import pytest

from threadline.cli import main
from threadline.exports.sections import _sections, write_json
from threadline.exports.tables import EMPTY_COLUMNS, flatten
from threadline.store import Store


@pytest.fixture(scope="module")
def exported(workbench, tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    for fmt, name in (("json", "all.json"), ("csv", "csv"), ("parquet", "parquet"), ("graphml", "graph.graphml"), ("ftm", "entities.ftm.json")):
        assert main(["--db", str(workbench["db"]), "export", "--format", fmt, "-o", str(out / name)]) == 0
    return out


def test_exports_json_is_the_streamed_document(exported, workbench):
    buffer = io.StringIO()
    with Store(workbench["db"], readonly=True) as store:
        write_json(store, buffer)
    assert (exported / "all.json").read_text(encoding="utf-8") == buffer.getvalue()
    assert list(json.loads(buffer.getvalue())) == list(_sections())


def test_exports_csv_has_one_file_per_table(exported):
    data = json.loads((exported / "all.json").read_text(encoding="utf-8"))
    for section, items in data.items():
        with (exported / "csv" / f"{section}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == len(items), section
    with (exported / "csv" / "documents.csv").open(encoding="utf-8", newline="") as f:
        docs = list(csv.DictReader(f))
    by_id = {d["id"]: d for d in data["documents"]}
    for row in docs:
        assert row["text"] == by_id[row["id"]]["text"]  # multi-line text survives quoting
        if by_id[row["id"]]["published"]:
            assert row["published.value"] == by_id[row["id"]]["published"]["value"]


def test_exports_parquet_reads_with_pyarrow(exported):
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = json.loads((exported / "all.json").read_text(encoding="utf-8"))
    for section, items in data.items():
        table = pq.read_table(exported / "parquet" / f"{section}.parquet")
        assert table.num_rows == len(items), section
    mentions = pq.read_table(exported / "parquet" / "mentions.parquet")
    assert mentions.schema.field("start").type == pa.int64() and mentions.schema.field("text").type == pa.string()
    assert mentions.column("start").to_pylist() == [m["start"] for m in data["mentions"]]


def test_exports_graphml_loads_in_networkx(exported, workbench):
    import networkx as nx

    graph = nx.read_graphml(exported / "graph.graphml")
    assert graph.number_of_nodes() > 50 and graph.number_of_edges() > 50
    names = nx.get_node_attributes(graph, "label")
    assert "Russia" in names.values() and "Uzbekistan" in names.values()
    kinds = set()
    for _, _, attrs in graph.edges(data=True):
        kinds.add(attrs["type"])
        evidence = json.loads(attrs["evidence"])
        assert evidence and all({"doc", "start", "end"} <= set(e) for e in evidence)
        assert attrs["weight"] >= 1
    assert "co-occurrence" in kinds


def test_exports_ftm_entities_validate(exported, workbench):
    from followthemoney import model

    lines = [json.loads(line) for line in (exported / "entities.ftm.json").read_text(encoding="utf-8").splitlines()]
    ids = {e["id"] for e in lines}
    assert len(ids) == len(lines)
    schemas = set()
    for data in lines:
        schema = model.get(data["schema"])
        assert schema is not None and schema.validate(data) is None, data["id"]
        proxy = model.get_proxy(data, cleaned=False)
        schemas.add(proxy.schema.name)
        for prop, values in proxy.properties.items():
            if schema.get(prop).type.name == "entity":  # every reference points at an entity in the file
                assert set(values) <= ids, (data["id"], prop)
    assert {"Article", "Person", "Organization", "LegalEntity", "Address", "Documentation", "UnknownLink", "Event", "Note"} <= schemas
    hostile = next(e for e in lines if e["id"] == f"tl-doc-{workbench['doc']}")
    assert "sourceUrl" not in hostile["properties"]  # a javascript: URL is not a URL


def test_exports_flatten_keeps_two_levels():
    row = flatten({"a": 1, "b": {"c": 2, "d": {"e": 3}}, "f": [1, 2], "g": None, "h": {}})
    assert row == {"a": 1, "b.c": 2, "b.d": '{"e": 3}', "f": "[1, 2]", "g": None, "h": "{}"}


def test_exports_unknown_format_is_refused(workbench, tmp_path, capsys):
    assert main(["--db", str(workbench["db"]), "export", "--format", "xml", "-o", str(tmp_path / "x")]) == 2
    assert "xml" in capsys.readouterr().err


def test_exports_empty_tables_keep_their_header_row(tmp_path):
    import pyarrow.parquet as pq

    db = tmp_path / "empty.db"
    Store(db).close()
    for fmt in ("csv", "parquet"):
        assert main(["--db", str(db), "export", "--format", fmt, "-o", str(tmp_path / fmt)]) == 0
    for section in _sections():
        with (tmp_path / "csv" / f"{section}.csv").open(encoding="utf-8", newline="") as f:
            lines = list(csv.reader(f))
        assert lines == [EMPTY_COLUMNS[section]], section
        assert pq.read_table(tmp_path / "parquet" / f"{section}.parquet").schema.names == EMPTY_COLUMNS[section]


def test_exports_empty_headers_name_every_top_level_field(exported):
    data = json.loads((exported / "all.json").read_text(encoding="utf-8"))
    assert set(EMPTY_COLUMNS) == set(data)
    for section, items in data.items():
        if items:
            fields = {key for item in items for key in item}
            assert fields == set(EMPTY_COLUMNS[section]), f"update EMPTY_COLUMNS[{section!r}] in exports/tables.py: {sorted(fields)}"


@pytest.mark.parametrize("fmt, name", [("json", "all.json"), ("csv", "csv"), ("parquet", "parquet"), ("graphml", "graph.graphml"), ("ftm", "entities.ftm.json")])
def test_exports_a_write_that_fails_leaves_the_earlier_export_whole_and_no_part_file(exported, workbench, fmt, name, tmp_path, capsys):
    """The disk fills halfway through (a 40 kB limit on every file this process writes: more than the store's shared-memory file needs, less than the export): a clear error,
    and the earlier export under its name, byte for byte, with no temporary file beside it."""
    import resource
    import shutil
    import signal

    target = tmp_path / name
    (shutil.copytree if (exported / name).is_dir() else shutil.copy)(exported / name, target)
    before = {p.relative_to(tmp_path): p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of killing the process
    resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, hard))
    try:
        code = main(["--db", str(workbench["db"]), "export", "--format", fmt, "-o", str(target)])
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    assert code == 1 and "[T007]" in capsys.readouterr().err
    after = {p.relative_to(tmp_path): p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    assert after == before
