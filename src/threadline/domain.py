"""Domain packs: event types, argument roles, figure measures and indicators, loaded from TOML.

A pack is plain data (see docs/domain-packs.md); `load_pack` validates it and
returns a dict that can be shipped to worker processes. Packs shipped with
Threadline: `recruitment` (the default) and `generic`; any other name is read
as a path to a TOML file.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError

BUILTIN = ("recruitment", "generic")
ROLE_NAMES = {"agent", "patient", "origin", "destination", "location", "channel", "instrument", "with"}
DEPENDENCY_KEYS = {"subject", "object", "passive_subject"}


def load_pack(name_or_path: str) -> dict[str, Any]:
    """Load and validate a domain pack by built-in name or file path."""
    if name_or_path in BUILTIN:
        text = resources.files("threadline").joinpath(f"data/domains/{name_or_path}.toml").read_text("utf-8")
        where = name_or_path
    else:
        path = Path(name_or_path)
        if not path.is_file():
            raise ConfigError(f"domain pack not found: {name_or_path} (built-in packs: {', '.join(BUILTIN)})")
        text = path.read_text("utf-8")
        where = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"domain pack {where}: {exc}") from None
    return validate(data, where)


def validate(data: dict[str, Any], where: str = "pack") -> dict[str, Any]:
    def fail(msg: str) -> None:
        raise ConfigError(f"domain pack {where}: {msg}")

    if not isinstance(data.get("name"), str) or not data["name"]:
        fail("needs a `name`")
    roles = data.get("roles", {})
    for key, role in roles.items():
        if role not in ROLE_NAMES:
            fail(f"role {key} = {role!r} is not one of {sorted(ROLE_NAMES)}")
    events = data.get("event", [])
    if not events:
        fail("needs at least one [[event]]")
    seen = set()
    for ev in events:
        etype = ev.get("type")
        if not etype or not isinstance(etype, str):
            fail("every [[event]] needs a `type`")
        if etype in seen:
            fail(f"event type {etype!r} defined twice")
        seen.add(etype)
        if not ev.get("lemmas") and not ev.get("phrases"):
            fail(f"event {etype!r} needs `lemmas` or `phrases`")
        for key in ("patient_words", "not_patient_words", "context_words", "require"):
            if not isinstance(ev.get(key, []), list):
                fail(f"event {etype!r}: `{key}` must be a list")
        for role in ev.get("require", []):
            if role not in ROLE_NAMES:
                fail(f"event {etype!r}: required role {role!r} is not one of {sorted(ROLE_NAMES)}")
        for role in ev.get("roles", {}).values():
            if role not in ROLE_NAMES:
                fail(f"event {etype!r}: role {role!r} is not one of {sorted(ROLE_NAMES)}")
    for ind in data.get("indicator", []):
        if not ind.get("id") or not ind.get("patterns"):
            fail("every [[indicator]] needs `id` and `patterns`")
        for pattern in ind["patterns"]:
            try:
                re.compile(pattern)
            except re.error as exc:
                fail(f"indicator {ind['id']}: bad pattern {pattern!r}: {exc}")
    for m in data.get("measure", []):
        if not m.get("key") or not m.get("words"):
            fail("every [[measure]] needs `key` and `words`")
    data = {
        "name": data["name"],
        "description": data.get("description", ""),
        "roles": roles,
        "event": events,
        "indicator": data.get("indicator", []),
        "measure": data.get("measure", []),
    }
    data["fingerprint"] = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]
    return data
