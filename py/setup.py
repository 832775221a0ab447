"""Puts the component and the conformance cases into the package as it is built.

Neither is committed under py/: the component is built by cargo (the CLI writes it
with `connectors-update component -o target/connectors_update.wasm`, which
`scripts/test` runs), and the cases are the repository's `tests/conformance/`.
`pip install ./py` (or `python -m build py`) copies both into the built package, so
that what installs is the component of this checkout. A build without the component
stops here, with the one command that makes it, rather than install a package that
fails at `load_action()`.

`CONNECTORS_UPDATE_WASM` names another component file (a worktree without target/).
Everything else is in pyproject.toml.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

PACKAGE = "connectors_update"
HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MAKE_IT = (
    "the component is not built. At the repository's root, run\n"
    "    cargo run -p connectors-update -- component -o target/connectors_update.wasm\n"
    "(scripts/test does it too), or set CONNECTORS_UPDATE_WASM to a built component, "
    "then install again."
)


def component_file() -> Path:
    """The component to ship: CONNECTORS_UPDATE_WASM, else the checkout's target/."""
    named = os.environ.get("CONNECTORS_UPDATE_WASM")
    path = Path(named) if named else REPO / "target" / "connectors_update.wasm"
    if not path.is_file():
        where = f"CONNECTORS_UPDATE_WASM names {path}, which is no file" if named else f"{path} is missing"
        raise SystemExit(f"connectors-update: {where}: {MAKE_IT}")
    return path


def case_files() -> list[Path]:
    """The conformance cases, from the checkout's tests/conformance/."""
    cases = sorted((REPO / "tests" / "conformance").glob("*.json"))
    if not cases:
        raise SystemExit(
            f"connectors-update: no conformance cases in {REPO / 'tests' / 'conformance'}: "
            "build the package from a checkout of the whole repository (py/ needs its parent)."
        )
    return cases


class BuildWithComponent(build_py):
    """`build_py`, then the component and the cases copied into the built package."""

    def run(self) -> None:
        component = component_file()  # first, so that a missing one is the build's only error
        cases_from = case_files()
        super().run()
        target = Path(self.build_lib) / PACKAGE
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(component, target / "connectors_update.wasm")
        cases = target / "conformance_cases"
        shutil.rmtree(cases, ignore_errors=True)
        cases.mkdir()
        for case in cases_from:
            shutil.copyfile(case, cases / case.name)


setup(cmdclass={"build_py": BuildWithComponent})
