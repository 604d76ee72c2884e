"""The codebook as a tree: colour swatch, shortcut digit, name and segment count per code."""

from __future__ import annotations

from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from qcode.core.codebook import Code, Codebook


class CodeTree(Tree[str]):
    """Codes in codebook order; each node's data is the code's GUID."""

    def __init__(self, *, show_retired: bool = False, id: str | None = None) -> None:
        super().__init__("Codebook", id=id)
        self.show_retired = show_retired
        self.codebook = Codebook()
        self.usage: dict[str, int] = {}
        self.nodes: dict[str | None, TreeNode[str]] = {}
        self.wanted: str | None = None

    def show(self, codebook: Codebook, usage: dict[str, int]) -> None:
        self.codebook, self.usage = codebook, usage
        self.wanted = None
        self.clear()
        self.root.expand()
        self.nodes = {None: self.root}
        for _, code in codebook.walk():
            if code.retired and not self.show_retired:
                continue
            parent = self.nodes.get(code.parent, self.root)
            node = parent.add(self.label_of(code), data=code.guid, expand=True)
            node.allow_expand = bool(codebook.children(code.guid))
            self.nodes[code.guid] = node

    def put_cursor(self, guid: str | None) -> None:
        """Move the cursor to a code. Every node is expanded by :meth:`show`, so a code's
        line is its place in tree order (after the root) — known before the tree is drawn."""
        order = [g for g in self.nodes if g is not None]
        if guid in order:
            self.wanted = guid
            self.cursor_line = order.index(guid) + (1 if self.show_root else 0)

    def label_of(self, code: Code) -> str:
        swatch = f"[on {code.colour}]  [/] " if code.colour else ""
        digit = f"[{code.shortcut}] " if code.shortcut else ""
        name = f"[dim]{code.name} (retired)[/]" if code.retired else code.name
        return f"{swatch}{digit}{name} ({self.usage.get(code.guid, 0)})"

    def count(self, guid: str, step: int) -> None:
        """Change one code's segment count by ``step`` without rebuilding the tree."""
        self.usage[guid] = self.usage.get(guid, 0) + step
        node = self.nodes.get(guid)
        code = self.codebook.by_guid().get(guid)
        if node is not None and code is not None:
            node.set_label(self.label_of(code))

    def set_usage(self, usage: dict[str, int]) -> None:
        """Make every count true (after another coder's work) without rebuilding the tree:
        the cursor and what is folded stay as they are."""
        for guid in set(usage) | set(self.usage):
            step = usage.get(guid, 0) - self.usage.get(guid, 0)
            if step:
                self.count(guid, step)

    @property
    def current_guid(self) -> str | None:
        """The code under the cursor (the one asked for, while the tree is not drawn yet)."""
        node = self.cursor_node
        return node.data if node is not None else self.wanted
