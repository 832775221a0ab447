"""Token sources that come with the package."""

from __future__ import annotations

from collections.abc import Mapping


class MapTokens:
    """Tokens from a mapping: `[Source:Name]` is looked up as `"Source:Name"`, `[Name]` as `"Name"`.

    A token the mapping lacks is unresolved (the action refuses the step
    with `unresolved-token`), never empty text.
    """

    def __init__(self, values: Mapping[str, str] | None = None) -> None:
        self._values = dict(values or {})

    def resolve(self, source: str | None, name: str) -> str | None:
        """The value of `[source:name]`, or None."""
        return self._values.get(name if source is None else f"{source}:{name}")

    def __repr__(self) -> str:
        # Token values may be secrets: only the names are shown.
        return f"MapTokens({sorted(self._values)!r})"
