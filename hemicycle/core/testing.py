"""Helpers shared by the test suites."""

import os
from pathlib import Path

import pytest

#: The repository's root (the directory holding manage.py).
REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_data_dir(*parts: str) -> Path:
    """The shared reference data at ``<repo>/../shared/data`` (or a path inside it).

    Where it is absent the calling test is skipped, saying why; on CI (the environment variable ``CI`` set) it
    fails instead, so that missing data cannot pass unnoticed.
    """
    path = (REPO_ROOT / ".." / "shared" / "data").resolve().joinpath(*parts)
    if not path.exists():
        message = (f"reference data not found at {path} (expected beside the repository, "
                   f"at <repo>/../shared/data)")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path
