"""Where Numba keeps its compiled analysis kernels.

Numba's own default is a ``__pycache__`` folder next to the source, which fails on a read-only
installation (a container image, a system package). Regiokompas points ``NUMBA_CACHE_DIR`` at a
writable folder instead: the value from the environment, or ``numba-cache`` in the data folder.
It must be set before Numba is first imported; :mod:`regiokompas.engine` calls :func:`configure`.
No Django here: the engine runs without it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from regiokompas.conf.config import config, data_dir


def cache_dir() -> Path:
    default = str(data_dir() / "numba-cache")
    return Path(
        config(
            "NUMBA_CACHE_DIR",
            default,
            help="Map voor de gecompileerde rekenkern (Numba); moet schrijfbaar zijn. Standaard: numba-cache in de datamap.",
        )
    ).expanduser()


def configure() -> Path:
    """Set ``NUMBA_CACHE_DIR`` (when not set) and create the folder where possible."""
    path = cache_dir()
    os.environ["NUMBA_CACHE_DIR"] = str(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # reported by the readiness check (/gezondheid/klaar); Numba then compiles without a cache
    return path


def is_writable(path: Path | None = None) -> bool:
    """True when a file can be created in the cache folder (what Numba does when it caches)."""
    path = Path(path or os.environ.get("NUMBA_CACHE_DIR") or cache_dir())
    try:
        with tempfile.NamedTemporaryFile(dir=path, prefix=".schrijftest-"):
            return True
    except OSError:
        return False
