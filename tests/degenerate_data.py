"""Degenerate corpora (written for the tests) and the enumeration of every CLI command and workbench route."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

# One English article naming people; no speech, no numbers, no dates, nothing of the recruitment domain.
ONE_ARTICLE = """Harbour council picks a new chair

Maria Lindqvist was chosen as chair of the Harbour Council in Tromsø, taking over from Erik Dahl, who stepped down after a long spell in the post.

Lindqvist grew up in Bergen and ran the ferry company before joining the council. Dahl goes back to teaching geography at the University of Tromsø.
"""

# English, and names nobody.
WEATHER_NOTE = """Mild week ahead with showers on the coast

Forecasters expect a mild week with light showers along the coast and dry, bright spells inland. Temperatures will stay close to the seasonal average, with a cool breeze in the evenings and a chance of fog at dawn in the valleys.

Rain should clear by the weekend, when sunshine returns to most places and winds ease.
"""

# Not English: ingested, analysis skipped.
SPANISH_NOTES = [
    """Semana templada con lluvias en la costa

Los meteorólogos esperan una semana templada con lluvias ligeras en la costa y periodos secos y soleados en el interior. Las temperaturas seguirán cerca de la media de la estación, con una brisa fresca por las tardes y niebla al amanecer en los valles.
""",
    """El mercado del puerto abre de nuevo

El mercado del puerto volvió a abrir sus puertas tras las obras de la plaza, con puestos de pescado, fruta y pan. Los vecinos celebraron la reapertura con música por la tarde y los comerciantes esperan más visitas durante el verano.
""",
]

CORPORA: dict[str, list[str]] = {
    "empty": [],
    "one document": [ONE_ARTICLE],
    "no English document": SPANISH_NOTES,
    "no actors": [WEATHER_NOTE],
}


def write_corpus(folder: Path, texts: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"article-{i}.txt").write_text(text, encoding="utf-8")
    return folder


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command of the click group, subcommands of subgroups included."""
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


# Choices not tried here, and why.
SKIPPED_CHOICES = {("run", "engine"): "ray"}  # the Ray engine has its own tests (test_ray_engine.py)


def invocations(
    group: click.Group, values: dict[str, str], outputs: dict[str, str]
) -> Iterator[tuple[str, list[str]]]:
    """Each command with its required arguments and options filled from `values` (by parameter name),
    once plain, once with --json when it has it, and once per value of each choice option."""
    for path, command in commands(group):
        base: list[str] = list(path)
        variants: list[list[str]] = []
        for param in command.params:
            if isinstance(param, click.Argument):
                if param.name not in values:
                    raise KeyError(f"{' '.join(path)}: no test value for argument {param.name}; add one")
                base.append(values[param.name])
            elif isinstance(param, click.Option):
                flag = max(param.opts, key=len)
                if param.required:
                    if param.name not in outputs:
                        raise KeyError(f"{' '.join(path)}: no test value for option {param.name}; add one")
                    base += [flag, outputs[param.name]]
                if param.is_flag and param.name == "as_json":
                    variants.append([flag])
                elif isinstance(param.type, click.Choice):
                    skipped = SKIPPED_CHOICES.get((path[-1], param.name))
                    variants += [[flag, str(c)] for c in param.type.choices if c != skipped]
        yield " ".join(path), base
        for extra in variants:
            yield " ".join([*path, *extra]), base + extra


def routes(app: Any) -> list[str]:
    """Every GET path of the workbench app (pages, their JSON twins, the OpenAPI description),
    included routers walked into; checked against the OpenAPI paths so none is missed."""
    found: set[str] = set()

    def walk(items: list[Any]) -> None:
        for r in items:
            inner = getattr(r, "original_router", None) or (r if hasattr(r, "routes") and not hasattr(r, "app") else None)
            if inner is not None:
                walk(inner.routes)
            elif "GET" in (getattr(r, "methods", None) or ()):
                found.add(r.path)

    walk(app.router.routes)
    missing = set(app.openapi()["paths"]) - found
    assert not missing, f"routes not found by the walk: {sorted(missing)}"
    return sorted(found)


def review_values(entity: str | None, doc: str | None, folder: Path) -> dict[str, str]:
    """Argument values for the `review` commands: corrections of `entity` (or of nobody, which
    fails as a lookup) and of a figure of `doc` that is not there; an empty reviews file to import."""
    empty = folder / "reviews.jsonl"
    empty.write_text("", encoding="utf-8")
    missing_figure = f"f-{doc or '0123456789abcdef'}-999"
    return {
        **dict.fromkeys(("entity", "names"), entity or "Nobody"),
        "others": "Nobody Else",
        **dict.fromkeys(("alias", "name"), "Someone"),
        **dict.fromkeys(("record", "figure", "figures"), missing_figure),
        "review_id": "0123456789abcdef",
        "path": str(empty),
    }


REVIEW_OPTIONS = {"reason": "checking"}  # the review commands' required option
