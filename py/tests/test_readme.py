"""The READMEs' Python examples, run as a user pastes them, with the installed
package: each prints what its comments say it prints."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import REPO

EXAMPLES = [("README.md", "## From Python"), ("py/README.md", "## Install and call it")]


def example(path: str, section: str) -> str:
    text = (REPO / path).read_text()
    found = re.search(r"```python\n(.*?)```", text[text.index(section):], re.S)
    assert found, f"{path}: no Python example under {section!r}"
    return found.group(1)


@pytest.mark.parametrize("path, section", EXAMPLES)
def test_the_example_prints_what_its_comments_say(path: str, section: str) -> None:
    code = example(path, section)
    promised = [line.split("# ", 1)[1].strip() for line in code.splitlines() if "print(" in line and "# " in line]
    assert promised, f"{path}: the example promises no output"
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert ran.stdout.splitlines() == promised
