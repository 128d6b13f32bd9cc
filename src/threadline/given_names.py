"""Given names in Latin script, from the person name lists of the Faker package (offline), and the gender of
those its lists give to one gender only."""

from __future__ import annotations

import importlib
import importlib.util
import os
import pkgutil
from functools import cache

from .datafiles import kept, source_key

_LISTS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
_TABLE_VERSION = 1  # of the list as kept between runs (`datafiles.kept`): bump when the build changes


@cache
def given_names() -> frozenset[str]:
    """Every given name of Faker's person providers written in Latin letters ("Valeska", "Thibaut"):
    built once (importing Faker's hundred-odd locale modules), then kept between runs."""
    return kept("given-names", (_TABLE_VERSION, *source_key(*_provider_files())), _build)


def _provider_files() -> list[str]:
    """Faker's person provider modules, found without importing Faker (`find_spec` of the top package)."""
    spec = importlib.util.find_spec("faker")
    if spec is None or spec.origin is None:
        return []
    folder = os.path.join(os.path.dirname(spec.origin), "providers", "person")
    files = [os.path.join(folder, "__init__.py")]
    for entry in sorted(os.listdir(folder)):
        module = os.path.join(folder, entry, "__init__.py")
        if os.path.isfile(module):
            files.append(module)
    return files


@cache
def genders() -> dict[str, str]:
    """Given names (lower case, three letters or more) that Faker's providers list for one gender only, in
    any of their languages: "m" ("Henrik", "Tomasz") or "f" ("Ingeborg", "Marisol"). A name listed for
    both ("Andrea", "Jordan", "Kim") tells nothing and is left out."""
    return kept("given-name-genders", (_TABLE_VERSION, *source_key(*_provider_files())), _build_genders)


def gender(word: str) -> str:
    """"m" or "f" for a given name only one gender bears, else "-"."""
    return genders().get(word.lower(), "-")


def _lists(attrs: tuple[str, ...]) -> set[str]:
    import faker.providers.person as person

    found: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in attrs:
            names = getattr(provider, attr, None)
            if isinstance(names, (tuple, list, dict)):  # a weighted list is a dict of name -> weight
                found.update(n for n in names if isinstance(n, str) and n.isascii() and n.isalpha() and n[:1].isupper())
    return found


def _build() -> frozenset[str]:
    return frozenset(_lists(_LISTS))


def _build_genders() -> dict[str, str]:
    male = {n.lower() for n in _lists(("first_names_male",)) if len(n) >= 3}
    female = {n.lower() for n in _lists(("first_names_female",)) if len(n) >= 3}
    return {n: "m" for n in male - female} | {n: "f" for n in female - male}


def is_given_name(word: str) -> bool:
    return word in given_names()
