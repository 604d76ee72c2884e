"""The codebook editor: add, rename, move, recolour, retire and define codes; load or export."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static, TextArea, Tree

from qcode.core.code_fields import (
    examples_from_text,
    examples_to_text,
    keywords_from_text,
    keywords_to_text,
)
from qcode.core.codebook import Code, Codebook
from qcode.core.colours import PALETTE
from qcode.core.errors import UsageError
from qcode.services.codebook_edits import add_code, delete_code, move_code, update_code
from qcode.services.codebooks import project_codebook
from qcode.services.undo import redo, undo
from qcode.store.project import Project
from qcode.tui.safely import notify_errors
from qcode.tui.screens.codebook_files import CodebookFiles
from qcode.tui.screens.dialogs import Choice, Confirm, Prompt
from qcode.tui.widgets.code_tree import CodeTree

TEXT_FIELDS = ("description", "inclusion", "exclusion", "examples", "keywords", "exclude")


class CodebookEditor(CodebookFiles, Screen[None]):
    """Edit the project's codebook. Keys act on the code highlighted in the tree."""

    CSS_PATH = "codebook_editor.tcss"
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("a", "add_sibling", "Add code"),
        Binding("A", "add_child", "Add sub-code"),
        Binding("e", "edit", "Edit fields", show=False),
        Binding("ctrl+s", "save", "Save fields"),
        Binding("ctrl+up,K", "move(-1)", "Move up", show=False),
        Binding("ctrl+down,J", "move(1)", "Move down", show=False),
        Binding("ctrl+right,greater_than_sign", "indent", "Indent", show=False),
        Binding("ctrl+left,less_than_sign", "outdent", "Outdent", show=False),
        Binding("o", "recolour", "Next colour", show=False),
        Binding("R", "retire", "Retire/restore", show=False),
        Binding("d,delete", "delete", "Delete", show=False),
        *[Binding(d, f"shortcut({d})", f"shortcut {d}", show=False) for d in "0123456789"],
        Binding("l", "load", "Load file"),
        Binding("E", "export", "Export"),
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("U,ctrl+y", "redo", "Redo", show=False),
        Binding("question_mark,f1", "app.show_keys", "Help"),
        Binding("escape", "close", "Back"),
    ]

    def __init__(self, project: Project, coder: str) -> None:
        super().__init__()
        self.project = project
        self.coder = coder
        self.codebook = Codebook()
        self.usage: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield CodeTree(show_retired=True, id="tree")
            with VerticalScroll(id="form"):
                yield Label("Name")
                yield Input(id="name")
                with Horizontal(id="small-fields"):
                    yield Label("Colour")
                    yield Input(id="colour", placeholder="#RRGGBB")
                    yield Static("", id="swatch")
                    yield Label("Shortcut")
                    yield Input(id="shortcut", placeholder="none", max_length=1)
                yield Label("Definition")
                yield TextArea(id="description", soft_wrap=True)
                yield Label("Include when")
                yield TextArea(id="inclusion", soft_wrap=True)
                yield Label("Exclude when")
                yield TextArea(id="exclusion", soft_wrap=True)
                yield Label("Examples, one per line")
                yield TextArea(id="examples", soft_wrap=True)
                yield Label("Keywords, a line per language: id: kerja sama, kerjasama")
                yield TextArea(id="keywords", soft_wrap=True)
                yield Label("Exclusion keywords (never suggest when present): en: map, GPS")
                yield TextArea(id="exclude", soft_wrap=True)
        yield Static("", id="editor-status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Codebook"
        self.reload()
        self.query_one(CodeTree).focus()

    # Loading -----------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        tree = self.query_one(CodeTree)
        keep = select or tree.current_guid
        self.codebook, self.usage = project_codebook(self.project)
        tree.show(self.codebook, self.usage)
        self.sub_title = f"{self.codebook.title} · {len(self.codebook.codes)} codes"
        if (keep is None or keep not in tree.nodes) and self.codebook.codes:
            keep = self.codebook.codes[0].guid
        tree.put_cursor(keep)
        self.show_fields()

    def current_guid(self) -> str | None:
        return self.query_one(CodeTree).current_guid

    def current(self) -> Code | None:
        guid = self.current_guid()
        return self.codebook.by_guid().get(guid) if guid else None

    def show_fields(self) -> None:
        code = self.current()
        self.query_one("#name", Input).value = code.name if code else ""
        self.query_one("#colour", Input).value = (code.colour or "") if code else ""
        self.query_one("#shortcut", Input).value = str(code.shortcut or "") if code else ""
        self.query_one("#swatch", Static).styles.background = (
            code.colour if code and code.colour else None
        )
        values = {
            "description": code.description if code else "",
            "inclusion": code.inclusion if code else "",
            "exclusion": code.exclusion if code else "",
            "examples": examples_to_text(code.examples) if code else "",
            "keywords": keywords_to_text(code.keywords) if code else "",
            "exclude": keywords_to_text(code.exclude) if code else "",
        }
        for name, value in values.items():
            self.query_one(f"#{name}", TextArea).load_text(value)
        where = self.codebook.path(code.guid) if code else "no code yet: press a to add one"
        self._status(where)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        self.show_fields()

    def _status(self, message: str) -> None:
        self.query_one("#editor-status", Static).update(message)

    def _safely(self, action: Callable[[], str | None], select: str | None = None) -> None:
        """Run one edit; errors become notifications, and the tree shows the result."""
        if notify_errors(self, action):
            self.reload(select)

    def _need_code(self) -> Code | None:
        code = self.current()
        if code is None:
            self.notify("highlight a code in the tree first", severity="warning")
        return code

    # Actions -----------------------------------------------------------------------------

    def action_add_sibling(self) -> None:
        code = self.current()
        self._ask_new(code.parent if code else None)

    def action_add_child(self) -> None:
        code = self._need_code()
        if code is not None:
            self._ask_new(code.guid)

    def _ask_new(self, parent: str | None) -> None:
        where = f" under {self.codebook.path(parent)}" if parent else ""

        def named(name: str | None) -> None:
            if not name:
                return
            created: list[str] = []

            def act() -> str:
                created.append(add_code(self.project, name, coder=self.coder, parent=parent))
                return f"added {name!r}{where}"

            self._safely(act)
            if created:
                self.reload(created[0])

        self.app.push_screen(Prompt(f"Name of the new code{where}"), named)

    def action_edit(self) -> None:
        if self._need_code() is not None:
            self.query_one("#name", Input).focus()

    def action_save(self) -> None:
        code = self._need_code()
        if code is None:
            return

        def act() -> str:
            fields = self._form_fields(code)
            if not fields:
                return "nothing changed"
            path = update_code(self.project, code.guid, coder=self.coder, **fields)
            return f"saved {path}"

        self._safely(act, code.guid)

    def _form_fields(self, code: Code) -> dict[str, object]:
        """The fields whose value in the form differs from the stored code."""
        shortcut_text = self.query_one("#shortcut", Input).value.strip()
        if shortcut_text and not (shortcut_text.isdigit() and shortcut_text != "0"):
            raise UsageError("a shortcut is one digit, 1–9 (empty for none)")
        edited: dict[str, object] = {
            "name": " ".join(self.query_one("#name", Input).value.split()),
            "colour": self.query_one("#colour", Input).value.strip() or None,
            "shortcut": int(shortcut_text) if shortcut_text else None,
        }
        for name in ("description", "inclusion", "exclusion"):
            edited[name] = self.query_one(f"#{name}", TextArea).text.strip()
        edited["examples"] = examples_from_text(self.query_one("#examples", TextArea).text)
        for name in ("keywords", "exclude"):
            edited[name] = keywords_from_text(self.query_one(f"#{name}", TextArea).text)
        if not edited["name"]:
            raise UsageError("a code needs a name")
        stored = {
            "name": code.name,
            "colour": code.colour,
            "shortcut": code.shortcut,
            "description": code.description,
            "inclusion": code.inclusion,
            "exclusion": code.exclusion,
            "examples": list(code.examples),
            "keywords": {lang: list(words) for lang, words in code.keywords.items()},
            "exclude": {lang: list(words) for lang, words in code.exclude.items()},
        }
        return {k: v for k, v in edited.items() if v != stored[k]}

    def action_move(self, step: int) -> None:
        code = self._need_code()
        if code is None:
            return
        siblings = self.codebook.children(code.parent)
        position = next(i for i, c in enumerate(siblings) if c.guid == code.guid) + step
        if not 0 <= position < len(siblings):
            return

        def act() -> None:
            move_code(self.project, code.guid, coder=self.coder, position=position)

        self._safely(act, code.guid)

    def action_indent(self) -> None:
        code = self._need_code()
        if code is None:
            return
        siblings = self.codebook.children(code.parent)
        position = next(i for i, c in enumerate(siblings) if c.guid == code.guid)
        if position == 0:
            self.notify("the first code of a level has no code above to go under")
            return
        parent = siblings[position - 1]

        def act() -> str:
            path = move_code(self.project, code.guid, coder=self.coder, parent=parent.guid)
            return f"moved to {path}"

        self._safely(act, code.guid)

    def action_outdent(self) -> None:
        code = self._need_code()
        if code is None or code.parent is None:
            return
        parent = self.codebook.by_guid()[code.parent]
        siblings = self.codebook.children(parent.parent)
        position = next(i for i, c in enumerate(siblings) if c.guid == parent.guid) + 1

        def act() -> str:
            kwargs = {"parent": parent.parent} if parent.parent else {"to_top_level": True}
            path = move_code(self.project, code.guid, coder=self.coder, position=position, **kwargs)
            return f"moved to {path}"

        self._safely(act, code.guid)

    def action_recolour(self) -> None:
        code = self._need_code()
        if code is None:
            return
        current = (code.colour or "").upper()
        index = next((i for i, c in enumerate(PALETTE) if c.upper() == current), -1)
        colour = PALETTE[(index + 1) % len(PALETTE)]

        def act() -> None:
            update_code(self.project, code.guid, coder=self.coder, colour=colour)

        self._safely(act, code.guid)

    def action_retire(self) -> None:
        code = self._need_code()
        if code is None:
            return
        retired = not code.retired

        def act() -> str:
            update_code(self.project, code.guid, coder=self.coder, retired=retired)
            if retired:
                return f"{code.name} retired: its coding stays, it takes no new coding"
            return f"{code.name} restored"

        self._safely(act, code.guid)

    def action_shortcut(self, digit: str) -> None:
        code = self._need_code()
        if code is None:
            return
        value = int(digit) or None

        def act() -> str:
            update_code(self.project, code.guid, coder=self.coder, shortcut=value)
            return f"{code.name}: shortcut {digit}" if value else f"{code.name}: no shortcut"

        self._safely(act, code.guid)

    def action_delete(self) -> None:
        code = self._need_code()
        if code is None:
            return
        if self.codebook.children(code.guid):
            self.notify(f"{code.name!r} has sub-codes; move or delete them first", severity="error")
            return
        count = self.usage.get(code.guid, 0)
        coded = f" and its {count} coded segment(s)" if count else ""

        def act() -> str:
            delete_code(self.project, code.guid, coder=self.coder, delete_segments=True)
            return f"deleted {code.name!r}{coded} (u on the coding screen undoes it)"

        def answered(yes: bool | None) -> None:
            if yes:
                self._safely(act)

        self.app.push_screen(Confirm(f"Delete {code.name!r}{coded}?"), answered)

    def action_close(self) -> None:
        """Esc is "back": from the form to the tree (asking about unsaved changes), from the
        tree to the coding screen."""
        focused = self.focused
        code = self.current()
        in_form = focused is not None and self.query_one("#form") in focused.ancestors
        if not in_form:
            self.dismiss(None)
            return
        try:
            changed = bool(code and self._form_fields(code))
        except UsageError:
            changed = True
        if not changed:
            self.query_one(CodeTree).focus()
            return

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
                self.query_one(CodeTree).focus()
            elif choice == "discard":
                self.show_fields()
                self.query_one(CodeTree).focus()

        self.app.push_screen(
            Choice(
                f"The fields of {code.name if code else 'this code'} have unsaved changes.",
                [("s", "save", "save them"), ("d", "discard", "discard them")],
            ),
            answered,
        )

    def action_undo(self) -> None:
        self._safely(lambda: f"undone: {undo(self.project, coder=self.coder)}")

    def action_redo(self) -> None:
        self._safely(lambda: f"redone: {redo(self.project, coder=self.coder)}")
