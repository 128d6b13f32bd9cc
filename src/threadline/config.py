"""Effective configuration: defaults < config file < environment < flags."""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError

ENV_PREFIX = "THREADLINE_"
DEFAULT_FILE = "threadline.toml"


def defaults() -> dict[str, dict[str, Any]]:
    text = resources.files("threadline").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def _coerce(value: str, like: Any, key: str) -> Any:
    try:
        if isinstance(like, bool):
            if value.lower() in {"1", "true", "yes", "on"}:
                return True
            if value.lower() in {"0", "false", "no", "off"}:
                return False
            raise ValueError(value)
        if isinstance(like, int):
            return int(value)
        if isinstance(like, float):
            return float(value)
    except ValueError:
        raise ConfigError(f"{key}: cannot read {value!r} as {type(like).__name__}") from None
    return value


def load(
    path: str | os.PathLike[str] | None = None,
    env: dict[str, str] | None = None,
    overrides: dict[str, Any] | None = None,
) -> dict[str, dict[str, Any]]:
    """Return the effective configuration as ``{section: {key: value}}``.

    `overrides` uses dotted keys (``"store.db"``) and comes from flags; ``None``
    values are ignored so unset flags fall through.
    """
    cfg = defaults()
    file = Path(path) if path else Path(DEFAULT_FILE)
    if path and not file.is_file():
        raise ConfigError(f"config file not found: {file}")
    if file.is_file():
        try:
            user = tomllib.loads(file.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{file}: {exc}") from None
        for section, values in user.items():
            if section not in cfg or not isinstance(values, dict):
                raise ConfigError(f"{file}: unknown section [{section}]")
            for key, value in values.items():
                if key not in cfg[section]:
                    raise ConfigError(f"{file}: unknown setting {section}.{key}")
                cfg[section][key] = value
    env = os.environ if env is None else env
    if env.get("THREADLINE_DB"):
        cfg["store"]["db"] = env["THREADLINE_DB"]
    for section, values in cfg.items():
        for key, value in values.items():
            name = f"{ENV_PREFIX}{section}_{key}".upper()
            if name in env:
                values[key] = _coerce(env[name], value, f"{section}.{key}")
    for dotted, value in (overrides or {}).items():
        if value is None:
            continue
        section, _, key = dotted.partition(".")
        if section not in cfg or key not in cfg[section]:
            raise ConfigError(f"unknown setting {dotted}")
        cfg[section][key] = value
    return cfg


def dumps(cfg: dict[str, dict[str, Any]]) -> str:
    """Render a configuration as TOML."""
    lines: list[str] = []
    for section, values in cfg.items():
        lines.append(f"[{section}]")
        for key, value in values.items():
            if isinstance(value, bool):
                rendered = "true" if value else "false"
            elif isinstance(value, (int, float)):
                rendered = str(value)
            else:
                rendered = '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
            lines.append(f"{key} = {rendered}")
        lines.append("")
    return "\n".join(lines)
