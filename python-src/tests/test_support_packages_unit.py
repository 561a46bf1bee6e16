"""SAMSARA_SUPPORT_PACKAGES, driven directly: which folders reach sys.path, in which order, once."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from samsara_sidecar.support_packages import ENV_VAR, add_support_packages


@pytest.fixture(autouse=True)
def restore_sys_path() -> Iterator[None]:
    saved = list(sys.path)
    yield
    sys.path[:] = saved


def test_unset_or_missing_folder_changes_nothing(tmp_path: Path) -> None:
    before = list(sys.path)
    assert add_support_packages({}) == []
    assert add_support_packages({ENV_VAR: ""}) == []
    assert add_support_packages({ENV_VAR: str(tmp_path / "missing")}) == []
    (tmp_path / "a-file").write_text("")
    assert add_support_packages({ENV_VAR: str(tmp_path / "a-file")}) == []
    assert sys.path == before


def test_each_real_sub_folder_is_appended_sorted_and_once(tmp_path: Path) -> None:
    for name in ("sudachidict_core-20261015", "b-2", "a-1"):
        (tmp_path / name).mkdir()
    (tmp_path / "notes.txt").write_text("not a package folder")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    if os.name != "nt":  # symlinks need privileges on Windows
        (tmp_path / "c-link").symlink_to(outside, target_is_directory=True)
    before = list(sys.path)
    added = add_support_packages({ENV_VAR: str(tmp_path)})
    assert [folder.name for folder in added] == ["a-1", "b-2", "sudachidict_core-20261015"]
    assert sys.path == before + [str(folder) for folder in added], "appended after everything the bundle carries"
    assert add_support_packages({ENV_VAR: str(tmp_path)}) == []
    assert sys.path == before + [str(folder) for folder in added]


def test_an_unfinished_install_is_never_on_the_path(tmp_path: Path) -> None:
    (tmp_path / ".install-1a2b3c4d" / "sudachidict_core").mkdir(parents=True)
    (tmp_path / "sudachidict_core-20261015").mkdir()
    added = add_support_packages({ENV_VAR: str(tmp_path)})
    assert added == [tmp_path / "sudachidict_core-20261015"]
    assert str(tmp_path / ".install-1a2b3c4d") not in sys.path
