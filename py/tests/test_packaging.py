"""`pip install ./py` as a user runs it: the built package carries this
checkout's component and conformance cases (setup.py copies them in), and a
checkout without a built component stops the build with the command that
makes it, rather than install a package that fails at `load_action()`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import CASES, REPO

PY = REPO / "py"


def build_wheel(out: Path, wasm: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CONNECTORS_UPDATE_WASM=wasm)
    return subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), str(PY)],
        env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture
def clean_build() -> Iterator[None]:
    yield
    # setuptools builds in py/ itself (build/, src/*.egg-info): leave the checkout as it was.
    shutil.rmtree(PY / "build", ignore_errors=True)
    for info in (PY / "src").glob("*.egg-info"):
        shutil.rmtree(info)


@pytest.mark.usefixtures("clean_build")
def test_the_wheel_carries_this_checkouts_component_and_every_case(tmp_path: Path) -> None:
    wasm = Path(os.environ.get("CONNECTORS_UPDATE_WASM", REPO / "target" / "connectors_update.wasm"))
    built = build_wheel(tmp_path, str(wasm))
    assert built.returncode == 0, built.stderr[-2000:]
    [wheel] = tmp_path.glob("connectors_update-*.whl")
    with zipfile.ZipFile(wheel) as z:
        assert z.read("connectors_update/connectors_update.wasm") == wasm.read_bytes()
        shipped = {Path(n).name for n in z.namelist() if n.startswith("connectors_update/conformance_cases/")}
        assert "connectors_update/py.typed" in z.namelist()
    assert shipped == {p.name for p in CASES.glob("*.json")}


@pytest.mark.usefixtures("clean_build")
def test_a_checkout_without_a_component_stops_the_build_saying_how_to_make_it(tmp_path: Path) -> None:
    built = build_wheel(tmp_path, str(tmp_path / "absent.wasm"))
    assert built.returncode != 0
    said = built.stdout + built.stderr
    assert "the component is not built" in said
    assert "cargo run -p connectors-update -- component -o target/connectors_update.wasm" in said
    assert not list(tmp_path.glob("*.whl"))
