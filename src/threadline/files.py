"""Files written whole or not at all: a temporary name in the same folder, renamed over the target."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside `target` to write; it replaces `target` in one rename when the
    block ends, and is removed when the block fails. A reader never sees a half-written `target`,
    and a killed writer leaves at most a hidden `.NAME.PID.part`, removed by the next write."""
    target = Path(target)
    _remove_stale(target)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _remove_stale(target: Path) -> None:
    """Temporary files of `target` left by writers that no longer run."""
    for tmp in target.parent.glob(f".{target.name}.*.part"):
        pid = tmp.name[len(target.name) + 2 : -len(".part")]
        if pid.isdigit() and not _alive(int(pid)):
            tmp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
