"""Every key binding of the current screen, offered again in the command palette (ctrl+p)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

# Per-digit bindings are listed once each as a command of their own (e.g. "Apply code …").
_SKIPPED_ACTIONS = ("apply_shortcut(", "shortcut(", "app.quit", "app.show_keys")


def _key_names(binding: Binding) -> str:
    names = {"slash": "/", "question_mark": "?", "right_square_bracket": "]"}
    names |= {"left_square_bracket": "[", "greater_than_sign": ">", "less_than_sign": "<"}
    return " or ".join(names.get(k.strip(), k.strip()) for k in binding.key.split(","))


def screen_commands(screen: Screen) -> Iterable[SystemCommand]:
    """A palette command for each described binding of ``screen``, plus the screen's own."""
    seen: set[str] = set()
    for binding in getattr(type(screen), "BINDINGS", []):
        if not isinstance(binding, Binding) or not binding.description:
            continue
        if binding.action.startswith(_SKIPPED_ACTIONS) or binding.action in seen:
            continue
        seen.add(binding.action)
        yield SystemCommand(
            binding.description,
            f"key: {_key_names(binding)}",
            partial(screen.run_action, binding.action),
        )
    extra = getattr(screen, "palette_commands", None)
    if extra is not None:
        yield from extra()
