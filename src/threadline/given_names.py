"""Given names in Latin script, from the person name lists of the Faker package (offline)."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

_LISTS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")


@cache
def given_names() -> frozenset[str]:
    """Every given name of Faker's person providers written in Latin letters ("Valeska", "Thibaut")."""
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
