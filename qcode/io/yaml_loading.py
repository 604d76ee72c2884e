"""Reading YAML that colleagues send: a safe loader that keeps each mapping's line.

It refuses duplicate keys, aliases (a "billion laughs" file expands a few lines into
gigabytes) and absurd nesting (which would exhaust the stack), each with its line.
"""

from __future__ import annotations

from typing import Any

import yaml

from qcode.core.errors import InputFileError

LINE = "__line__"  # the key under which each mapping keeps the line it starts on
MAX_DEPTH = 200  # nested YAML collections: a code tree 100 levels deep, far past any codebook


class _Loader(yaml.SafeLoader):
    """SafeLoader that records each mapping's line and refuses duplicate keys, aliases (a
    "billion laughs" file expands a few lines into gigabytes) and absurd nesting (which would
    exhaust the stack), each with its line."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.events.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in a codebook", mark
            )
        depth = getattr(self, "_depth", 0)
        if depth >= MAX_DEPTH:
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(
                None, None, f"nested more than {MAX_DEPTH} levels deep", mark
            )
        self._depth = depth + 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth = depth


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict[str, Any]:
    loader.flatten_mapping(node)
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str, source: str) -> Any:
    """The data in ``text``, or one line naming ``source``, the place and the problem."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise InputFileError(source, f"{where}malformed YAML ({problem})") from None
