"""The `ray` engine: read, clean and analyse on a Ray cluster with Ray Data, then merge into the store here.

Stages of `run` (each skipped when a kept work directory already has it done):

1. **List** the inputs on the driver, in the local engine's walk order
   (files, directories, `-` for stdin, or URIs such as `s3://bucket/prefix`).
2. **Read** (Ray tasks): a dataset with one row per input file; each file is
   read and cleaned with Threadline's readers and `ingest.prepare`, giving
   document and rejection rows, written as Parquet to `<work>/<run>/ingest/`.
3. **Plan** (driver): which document rows are new to the store (the first copy
   of each id), kept as `plan.parquet`.
4. **Analyse** (a Ray actor pool; each actor loads the spaCy model once):
   `analyze.run_batch` over the new documents, extractions written as Parquet
   to `<work>/<run>/analysis/`.
5. **Merge** (driver, the store's single writer; see `merge`), then the local
   analyze stage for documents already in the store whose analysis is out of
   date, `resolve`, the report and the `runs` row, as in `Corpus.run`.

The run id is a hash of the listing (paths, sizes, modification times), the
ingest limits, the model and every component's version stamp, so running the
same command again after a failure resumes from the stages already done. The
work directory is removed after a successful run unless `keep_shards`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import posixpath
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import EngineUnavailable
from .merge import (
    add_counts, ingest_summary, load_plan, make_plan, merge_analysis, merge_ingest, plan_fits, save_plan,
)
from .shards import (
    Location, document_of, extraction_row, extraction_table, ingest_row, ingest_table, shard_spans,
)

if TYPE_CHECKING:
    import pyarrow as pa

    from ..corpus import Corpus, RunSummary
    from ..readers import Limits, Rejection

INSTALL_HINT = "the ray engine needs Ray: pip install 'threadline[ray]'"
FORMAT = 1  # bump when the shard layout changes: kept work directories are then not reused


def require_ray() -> Any:
    """Import Ray and Ray Data, or raise a one-line error saying how to install them."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise EngineUnavailable(INSTALL_HINT) from None
    return ray


# -- 1. listing -----------------------------------------------------------------
def _entry(index: int, path: str, target: str, size: int | None, mtime: int | None) -> dict[str, Any]:
    return {"file": index, "path": path, "target": target, "given": "", "size": size, "mtime": mtime}


def _given(index: int, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """An entry already read on the driver (stdin, or a path rejected while listing)."""
    return {"file": index, "path": "", "target": "", "given": json.dumps(rows, ensure_ascii=False), "size": None, "mtime": None}


def _remote_files(uri: str) -> Iterator[tuple[str, int | None, int | None] | Rejection]:
    """Files under a URI (a file or a prefix), in the same order as a local walk."""
    import pyarrow.fs as pafs

    from ..readers import Rejection

    scheme = uri.split("://", 1)[0] + "://"
    fs, root = pafs.FileSystem.from_uri(uri)

    def stamp(info: Any) -> tuple[str, int | None, int | None]:
        mtime = info.mtime_ns if info.mtime is not None else None
        return scheme + info.path, info.size, mtime

    def walk(path: str) -> Iterator[tuple[str, int | None, int | None]]:
        infos = fs.get_file_info(pafs.FileSelector(path, recursive=False))
        visible = sorted((i for i in infos if not i.base_name.startswith(".")), key=lambda i: i.base_name)
        for info in visible:
            if info.type == pafs.FileType.File:
                yield stamp(info)
        for info in visible:
            if info.type == pafs.FileType.Directory:
                yield from walk(info.path)

    info = fs.get_file_info(root)
    if info.type == pafs.FileType.File:
        yield stamp(info)
    elif info.type == pafs.FileType.Directory:
        yield from walk(root)
    else:
        yield Rejection(uri, "R114", "no such file")


def list_inputs(
    paths: list[str], limits: Limits, min_chars: int, outlet: str | None = None, skip: frozenset[Path] = frozenset()
) -> list[dict[str, Any]]:
    """One entry per input file, numbered in the local engine's order (a folder's files in `skip` passed
    over, as `readers.iter_inputs` does); stdin is read and cleaned here."""
    from ..ingest import prepare
    from ..readers import Rejection, iter_inputs, walk_files

    entries: list[dict[str, Any]] = []

    def rejected(r: Rejection) -> None:
        entries.append(_given(len(entries), [ingest_row(len(entries), 0, r)]))

    for given in paths:
        if given == "-":
            index = len(entries)
            results = [i if isinstance(i, Rejection) else prepare(i, min_chars, outlet) for i in iter_inputs(["-"], limits)]
            entries.append(_given(index, [ingest_row(index, j, r) for j, r in enumerate(results)]))
        elif "://" in given:
            for found in _remote_files(given):
                if isinstance(found, Rejection):
                    rejected(found)
                else:
                    entries.append(_entry(len(entries), found[0], found[0], found[1], found[2]))
        else:
            path = Path(given)
            if path.is_dir():
                candidates: Iterator[Path | Rejection] = walk_files(path, skip)
            elif path.is_file():
                candidates = iter([path])
            elif path.exists():
                candidates = iter([Rejection(str(path), "R114")])
            else:
                candidates = iter([Rejection(str(path), "R114", "no such file")])
            for found in candidates:
                if isinstance(found, Rejection):
                    rejected(found)
                    continue
                try:
                    st = found.stat()
                    size, mtime = st.st_size, st.st_mtime_ns
                except OSError:
                    size = mtime = None
                entries.append(_entry(len(entries), str(found), os.path.abspath(found), size, mtime))
    return entries


def run_id(entries: list[dict[str, Any]], settings: dict[str, Any]) -> str:
    """Deterministic: the same inputs (paths, sizes, times, stdin bytes) and settings give the same id."""
    h = hashlib.sha256()
    h.update(json.dumps({"format": FORMAT, **settings}, sort_keys=True, default=str).encode("utf-8"))
    for e in entries:
        h.update(json.dumps([e["file"], e["path"], e["size"], e["mtime"]]).encode("utf-8"))
        h.update(hashlib.sha256(e["given"].encode("utf-8")).digest())
    return h.hexdigest()[:16]


# -- 2. reading (runs in Ray tasks) -------------------------------------------------
def _download(uri: str, limits: Limits) -> Iterator[Any]:
    """Read a remote file as the local readers read a file (a copy in a temporary directory)."""
    import pyarrow.fs as pafs

    from ..readers import Rejection, _from_file

    fs, path = pafs.FileSystem.from_uri(uri)
    try:
        info = fs.get_file_info(path)
        if info.size is not None and info.size > limits.max_file_bytes:
            yield Rejection(uri, "R108", f"{info.size} bytes")
            return
        with tempfile.TemporaryDirectory(prefix="threadline-") as tmp:
            local = Path(tmp) / (posixpath.basename(path) or "input")
            pafs.copy_files(path, str(local), source_filesystem=fs, destination_filesystem=pafs.LocalFileSystem())
            yield from _from_file(local, limits)
    except OSError as exc:
        yield Rejection(uri, "R114", str(exc)[:200])


def read_entry(entry: dict[str, Any], limits: Limits, min_chars: int, outlet: str | None = None) -> list[dict[str, Any]]:
    """One input file's document and rejection rows, in the order the local engine reads them."""
    from ..ingest import prepare
    from ..readers import Rejection, _from_file

    if entry["given"]:
        return json.loads(entry["given"])
    target = entry["target"]
    items = _download(target, limits) if "://" in target else _from_file(Path(target), limits)
    rows = []
    for j, item in enumerate(items):
        if item.path != entry["path"]:  # workers open absolute paths; the store keeps the path as given
            item = replace(item, path=entry["path"])
        rows.append(ingest_row(entry["file"], j, item if isinstance(item, Rejection) else prepare(item, min_chars, outlet)))
    return rows


def _read_batch(batch: pa.Table, limits: Limits, min_chars: int, outlet: str | None) -> pa.Table:
    rows: list[dict[str, Any]] = []
    for entry in batch.to_pylist():
        rows.extend(read_entry(entry, limits, min_chars, outlet))
    return ingest_table(rows)


# -- 4. analysis (runs in Ray actors) -----------------------------------------------
def _read_shards(batch: pa.Table) -> pa.Table:
    """The document rows of ingest shards (light work: these tasks ask for no CPU)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    tables = []
    for uri in batch.column("shard").to_pylist():
        where = Location.of(uri)
        table = where.read_table()
        tables.append(table.filter(pc.equal(table.column("type"), "document")))
    return pa.concat_tables(tables)


class Analyzer:
    """A Ray Data actor: loads the model once, then analyses batches of new document rows."""

    def __init__(self, model: str, options: dict[str, Any], plan: str, budget: Any) -> None:
        from ..analyze import pipeline, preload

        self.model, self.options, self.budget = model, options, budget
        self.winners = winner_array(Location.of(plan).read_table())
        self.components = pipeline()
        preload(model)  # the model and the data extractors read lazily, once per actor

    def __call__(self, batch: pa.Table) -> pa.Table:
        import numpy as np

        from ..analyze import WorkItem, run_batch

        keys = np.asarray(batch.column("file").to_pylist(), dtype=np.int64) * (1 << 32) + np.asarray(
            batch.column("item").to_pylist(), dtype=np.int64
        )
        wanted = np.isin(keys, self.winners) & np.asarray([t == "document" for t in batch.column("type").to_pylist()])
        rows = [r for r, keep in zip(batch.to_pylist(), wanted) if keep]
        names = tuple(c.name for c in self.components)
        # run_batch isolates a failing document: it is quarantined and the batch goes on
        exts = run_batch([WorkItem(document_of(r), names, {}) for r in rows], self.model, self.options, self.budget)
        return extraction_table([extraction_row(r["file"], r["item"], e) for r, e in zip(rows, exts)])


def winner_array(plan: pa.Table) -> Any:
    import numpy as np

    keys = np.asarray(plan.column("file").to_pylist(), dtype=np.int64) * (1 << 32)
    return np.sort(keys + np.asarray(plan.column("item").to_pylist(), dtype=np.int64))


# -- the Ray session ----------------------------------------------------------------
class _NoCpuWarning(logging.Filter):
    """Drops Ray Data's "no available CPUs, the job will hang" warning: the actor pool holds the
    CPUs on purpose, and the other tasks of the analysis stage ask for none."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "does not have any available CPUs" not in record.getMessage()


class _Session:
    """Ray, connected (or started) on first use, shut down at the end only if started here."""

    def __init__(self, address: str | None, progress: bool) -> None:
        self.address, self.progress = address, progress
        self.ray: Any = None
        self.started = False
        self.saved: tuple[bool, bool] | None = None

    def get(self) -> Any:
        if self.ray is None:
            ray = require_ray()
            if not ray.is_initialized():
                kwargs: dict[str, Any] = {"logging_level": "WARNING", "log_to_driver": True}
                if self.address is None:  # a one-machine Ray started here
                    kwargs["include_dashboard"] = False
                    # no metrics thread: Ray's metrics exporter can crash idle workers as they exit
                    kwargs["_system_config"] = {"enable_metrics_collection": False}
                ray.init(address=self.address, **kwargs)
                self.started = True
            ctx = ray.data.DataContext.get_current()
            self.saved = (ctx.execution_options.preserve_order, ctx.enable_progress_bars)
            # rows leave each stage in input order, so every shard covers one contiguous key range
            ctx.execution_options.preserve_order = True
            ctx.enable_progress_bars = self.progress
            logger = logging.getLogger("ray.data")
            if not self.progress:
                logger.setLevel(logging.WARNING)
            if not any(isinstance(f, _NoCpuWarning) for f in logger.filters):
                logger.addFilter(_NoCpuWarning())
            self.ray = ray
        return self.ray

    def close(self) -> None:
        if self.ray is None:
            return
        if self.saved is not None:
            ctx = self.ray.data.DataContext.get_current()
            ctx.execution_options.preserve_order, ctx.enable_progress_bars = self.saved
        if self.started:
            self.ray.shutdown()
        self.ray = None

    def cpus(self) -> int:
        return max(1, int(self.get().cluster_resources().get("CPU", 1)))

    def tasks(self, size: int) -> dict[str, Any]:
        """map_batches arguments for at most `size` tasks at once (`compute` since Ray 2.51)."""
        strategy = getattr(self.get().data, "TaskPoolStrategy", None)
        return {"compute": strategy(size=size)} if strategy is not None else {"concurrency": size}

    def read(self, entries: list[dict[str, Any]], target: Location, limits: Limits, min_chars: int, outlet: str | None) -> None:
        ray = self.get()
        # a few files per task: shards of a useful size, and still several tasks per CPU
        per_task = min(64, max(1, len(entries) // (4 * self.cpus())))
        ds = ray.data.from_items(entries).map_batches(
            _read_batch, batch_size=per_task, batch_format="pyarrow", fn_kwargs={"limits": limits, "min_chars": min_chars, "outlet": outlet}
        )
        ds.write_parquet(target.uri)

    def analyze(self, source: Location, target: Location, plan: Location, model: str, options: dict[str, Any],
                batch_size: int, workers: int, budget: Any) -> None:
        ray = self.get()
        actors = workers or self.cpus()
        shards = [{"shard": source.uri_of(path)} for _, _, path in shard_spans(source)]
        # The actors hold a CPU each; reading shards and writing results ask for none, so they
        # always find room (a CPU-bound read task would wait for ever behind a full pool), and
        # run a few at a time (every task without a CPU would otherwise get a worker process).
        ds = ray.data.from_items(shards).map_batches(
            _read_shards, batch_size=1, batch_format="pyarrow", num_cpus=0, **self.tasks(min(actors, len(shards)))
        )
        ds = ds.map_batches(
            Analyzer,
            fn_constructor_kwargs={"model": model, "options": options, "plan": plan.uri, "budget": budget},
            batch_size=batch_size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=actors),
            num_cpus=1,
        )
        ds.write_parquet(target.uri, ray_remote_args={"num_cpus": 0})


# -- the job -------------------------------------------------------------------------
def run(
    corpus: Corpus,
    paths: list[str],
    *,
    address: str | None = None,
    work: str | None = None,
    keep_shards: bool = False,
    report: str | None = None,
    progress: bool = False,
) -> RunSummary:
    """The main job on Ray: the same store as `Corpus.run` on the same inputs and configuration."""
    from ..analyze import pipeline
    from ..corpus import RunSummary
    from ..readers import Limits
    from ..report import write_report
    from ..store import dumps

    require_ray()
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    cfg = corpus.config
    limits = Limits(
        max_file_bytes=int(cfg["ingest"]["max_file_mb"] * 2**20),
        max_decompressed_bytes=int(cfg["ingest"]["max_decompressed_mb"] * 2**20),
    )
    min_chars = cfg["ingest"]["min_chars"]
    outlet = cfg["ingest"]["outlet"] or None
    model = cfg["analyze"]["model"]
    options = corpus.options()
    stamps = {c.name: c.stamp(options) for c in pipeline()}
    entries = list_inputs(paths, limits, min_chars, outlet, corpus.own_files(report))
    budget = corpus.budget()
    rid = run_id(entries, {"limits": limits, "min_chars": min_chars, "outlet": outlet, "model": model, "stamps": stamps, "budget": budget})
    base = Location.of(work or f"{corpus.path}.shards")
    root = base.child(rid)
    ingest_dir, analysis_dir, plan_file = root.child("ingest"), root.child("analysis"), root.child("plan.parquet")
    ingest_done, analysis_done = root.child("ingest.done"), root.child("analysis.done")
    merged_done = root.child("merged.done")
    if merged_done.exists():  # kept from a finished run: its plan described the store before that run
        for stale in (plan_file, analysis_dir, analysis_done, merged_done):
            stale.remove()

    session = _Session(address, progress)
    try:
        if not ingest_done.exists():
            for stale in (ingest_dir, plan_file, analysis_dir, analysis_done):
                stale.remove()
            if entries:
                session.read([{k: e[k] for k in ("file", "path", "target", "given")} for e in entries],
                             ingest_dir, limits, min_chars, outlet)
            ingest_done.write_text(f"{len(entries)} inputs\n")
        plan = meta = None
        if plan_file.exists():
            plan, meta = load_plan(plan_file)
            if not plan_fits(corpus.store, plan, meta):
                plan = None
        if plan is None:
            for stale in (analysis_dir, analysis_done):
                stale.remove()
            plan, meta = make_plan(corpus.store, ingest_dir)
            save_plan(plan_file, plan, meta)
        if not analysis_done.exists():
            analysis_dir.remove()
            if plan.num_rows:
                session.analyze(
                    ingest_dir, analysis_dir, plan_file, model, options,
                    cfg["analyze"]["batch_size"], cfg["analyze"]["workers"], budget,
                )
            analysis_done.write_text(f"{plan.num_rows} documents\n")
    finally:
        session.close()

    summary = RunSummary(ingest=ingest_summary(ingest_dir, plan))
    before = int(meta["base"])  # the last document before this run's (kept with the plan, so a resumed run agrees)
    merge_ingest(corpus.store, ingest_dir, cfg["ingest"]["batch_size"])
    # documents that were already in the store and whose analysis is out of date (a component's new
    # version), analysed before the new ones are merged, in the order the local engine writes them
    older = corpus.analyze(progress=progress, through=before)
    merged = merge_analysis(corpus.store, analysis_dir, cfg["analyze"]["batch_size"])
    rest = corpus.analyze(progress=progress)  # a new document no actor analysed, if any
    summary.stages["analyze"] = add_counts(older, merged, rest)
    summary.stages["resolve"] = corpus.resolve()
    summary.report = str(write_report(corpus, report or corpus.report_path()))
    with corpus.store.transaction() as db:
        db.execute(
            "INSERT INTO runs(started, finished, summary) VALUES (?,?,?)",
            (started, datetime.now(timezone.utc).isoformat(timespec="seconds"), dumps(summary.to_json())),
        )
    if keep_shards:
        merged_done.write_text(f"{summary.ingest.added} documents added\n")
    else:
        root.remove()
        if base.is_empty_dir():
            base.remove()
    return summary
