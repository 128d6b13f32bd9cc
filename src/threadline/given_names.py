"""Given names in Latin script, from the person name lists of the Faker package (offline)."""

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


def _build() -> frozenset[str]:
    import faker.providers.person as person

    found: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in _LISTS:
            names = getattr(provider, attr, None)
            if isinstance(names, (tuple, list, dict)):  # a weighted list is a dict of name -> weight
                found.update(n for n in names if isinstance(n, str) and n.isascii() and n.isalpha() and n[:1].isupper())
    return frozenset(found)


def is_given_name(word: str) -> bool:
    return word in given_names()
