"""The typed consumer example (tests/typing/consumer.py) runs as well as type-checks."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "typing"))


def test_the_consumer_example_runs() -> None:
    import consumer

    outcome = consumer.run()
    assert (outcome.id, outcome.added, outcome.revision_after) == ("c1", ["Timeout"], 2)
