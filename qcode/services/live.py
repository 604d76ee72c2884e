"""Other coders' changes, as an open app needs them: what to refresh, and one line saying
who changed what ("budi coded 3 passages in Pratiwi (2021)")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select

from qcode.core.citations import citation
from qcode.store.documents import citation_facts
from qcode.store.models import Event, Segment
from qcode.store.project import Project
from qcode.store.watch import NewEvent

# Actions that change only coding (segments, memos, decisions): the codebook stays as it was.
CODING = frozenset({"code", "uncode", "memo", "accept", "reject", "code_hits", "adopt"})
# Actions that add or remove documents, or change their attributes.
DOCUMENTS = frozenset({"import", "merge", "set_attribute"})
VERBS = {
    "code": "coded",
    "code_hits": "coded",
    "accept": "accepted",
    "adopt": "adopted",
    "uncode": "removed",
}
UNDONE = {
    "code": "coding",
    "uncode": "a removal",
    "accept": "accepting suggestions",
    "reject": "rejecting suggestions",
    "code_hits": "coding search hits",
    "memo": "a memo",
}


@dataclass(slots=True)
class OutsideChanges:
    """What other programs changed since the last look."""

    message: str = ""
    documents: set[int] = field(default_factory=set)  # whose coding changed
    codebook: bool = False
    document_list: bool = False

    @property
    def any(self) -> bool:
        return bool(self.message or self.documents or self.codebook or self.document_list)


def _segment_documents(session, operations: Sequence[dict]) -> tuple[set[int], int]:
    """Documents the segment operations touched, and how many segments they added or
    removed."""
    documents: set[int] = set()
    count = 0
    updated: list[int] = []
    for operation in operations:
        if operation["table"] != "segments":
            continue
        if operation["op"] == "update":
            updated += operation["ids"]
            continue
        at = operation["columns"].index("document_id")
        documents.update(row[at] for row in operation["rows"])
        count += len(operation["rows"])
    if updated:
        documents.update(
            session.scalars(select(Segment.document_id).where(Segment.id.in_(updated[:900])))
        )
    return documents, count


def describe(project: Project, events: Sequence[NewEvent]) -> OutsideChanges:
    """What ``events`` (written by other programs) mean for an open screen."""
    found = OutsideChanges()
    if not events:
        return found
    said: Counter[tuple[str, str]] = Counter()
    where: dict[tuple[str, str], set[int]] = {}
    with project.reading() as session:
        for event in events:
            action, after = event.action, event.after
            if action in ("undo", "redo"):
                undone = session.get(Event, int(event.target_id)) if event.target_id else None
                action = f"{action}:{undone.action}" if undone is not None else action
                after = undone.after if undone is not None else None
            base = action.split(":")[-1]
            if base not in CODING:
                found.codebook = found.codebook or base not in DOCUMENTS
                found.document_list = found.document_list or base in DOCUMENTS
            operations = (after or {}).get("operations", []) if isinstance(after, dict) else []
            documents, count = _segment_documents(session, operations)
            found.documents |= documents
            key = (event.coder or "someone", action)
            said[key] += count or 1
            where.setdefault(key, set()).update(documents)
        cited = {
            ident: citation(facts, title)
            for ident, title, facts in citation_facts(
                session, ids=sorted(set().union(*where.values()))
            )
        }
    found.message = "; ".join(
        _sentence(
            coder, action, count, [cited[d] for d in sorted(where[coder, action]) if d in cited]
        )
        for (coder, action), count in said.items()
    )
    return found


def _sentence(coder: str, action: str, count: int, documents: list[str]) -> str:
    place = (
        f" in {documents[0]}"
        if len(documents) == 1
        else f" in {len(documents)} documents"
        if documents
        else ""
    )
    if action.startswith(("undo:", "redo:")):
        verb, undone = action.split(":")
        what = UNDONE.get(undone, undone.replace("_", " "))
        return f"{coder} {'undid' if verb == 'undo' else 'redid'} {what}{place}"
    if action == "memo":
        return f"{coder} wrote a memo{place}"
    if action == "reject":
        return f"{coder} rejected suggestions{place}"
    if action in VERBS:
        noun = "passage" if count == 1 else "passages"
        return f"{coder} {VERBS[action]} {count} {noun}{place}"
    return f"{coder}: {action.replace('_', ' ')}"
