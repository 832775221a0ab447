"""Token sources that come with the package."""

from __future__ import annotations

from collections.abc import Mapping


class MapTokens:
    """Tokens from a mapping: `[Source:Name]` is looked up as `"Source:Name"`, `[Name]` as `"Name"`.

    A token the mapping lacks is unresolved (the action refuses the step
    with `unresolved-token`), never empty text. Keys and values must be
    text: anything else is a `TypeError` here, naming the key, never a value.
    """

    def __init__(self, values: Mapping[str, str] | None = None) -> None:
        self._values = dict(values or {})
        for key, value in self._values.items():
            if not isinstance(key, str):
                raise TypeError(f"MapTokens: a token's name must be text (str), not {type(key).__name__}")
            if not isinstance(value, str):
                raise TypeError(f"MapTokens: the value of token '{key}' must be text (str), not {type(value).__name__}")

    def resolve(self, source: str | None, name: str) -> str | None:
        """The value of `[source:name]`, or None."""
        return self._values.get(name if source is None else f"{source}:{name}")

    def __repr__(self) -> str:
        # Token values may be secrets: only the names are shown.
        return f"MapTokens({sorted(self._values)!r})"
