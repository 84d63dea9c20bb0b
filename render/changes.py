"""What a new version of a final changes from the one it replaces, in a few lines a reader can
check: sections whose state, answers or entries changed (naming the fields), certificates
added, corrected, revoked or gone, the certificates per scheme, and the profile."""

from typing import Any

from render import texts

SHOWN = 15  # lines listed; the rest are counted


def changed_lines(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The changes from `before` (the replaced version's frozen content) to `after`."""
    lines = _profile(before, after)
    old = {ch["clause"]: ch for ch in before.get("chapters", [])}
    for chapter in after.get("chapters", []):
        lines += _chapter(old.get(chapter["clause"]), chapter)
    lines += _certificates(before.get("register") or {}, after.get("register") or {})
    if not lines:
        lines = [texts.CHANGES_NONE]
    if len(lines) > SHOWN:
        lines = [*lines[:SHOWN], texts.CHANGES_MORE.format(more=len(lines) - SHOWN)]
    return lines


def _profile(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    fields = [
        label
        for key, label in texts.CHANGES_PROFILE_FIELDS.items()
        if (before.get("lsp") or {}).get(key) != (after.get("lsp") or {}).get(key)
        or (key == "signatories" and before.get(key) != after.get(key))
        or (key == "distribution" and before.get(key) != after.get(key))
    ]
    return [texts.CHANGES_PROFILE.format(fields=", ".join(fields))] if fields else []


def _chapter(old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    where = f"{new['clause']} {new['title']}"
    if old is None:
        return [texts.CHANGES_SECTION_NEW.format(section=where)]
    lines = []
    if old["state"] != new["state"]:
        lines.append(texts.CHANGES_STATE.format(section=where, old=old["state_label"],
                                                new=new["state_label"]))  # fmt: skip
    fields = _fields(old.get("contributions", []), new.get("contributions", []))
    fields += _columns((old.get("table") or {}), (new.get("table") or {}))
    if fields:
        lines.append(texts.CHANGES_FIELDS.format(section=where, fields=", ".join(fields)))
    entries = _entries((old.get("table") or {}), (new.get("table") or {}))
    if entries:
        lines.append(texts.CHANGES_ENTRIES.format(section=where, what=entries))
    tally = _tally((old.get("table") or {}).get("tally"), (new.get("table") or {}).get("tally"))
    return lines + tally


def _fields(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[str]:
    """Labels of the section-level answers that differ, by contributor."""
    before = {(c["name"], f["label"]): f["value"] for c in old for f in c.get("fields", [])}
    after = {(c["name"], f["label"]): f["value"] for c in new for f in c.get("fields", [])}
    changed = [key[1] for key in after.keys() | before.keys() if before.get(key) != after.get(key)]
    return sorted(set(changed))


def _columns(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Columns of the entries table whose values differ in an entry both versions have."""
    columns = new.get("columns", [])
    if columns != old.get("columns", columns):
        return []
    rows = {row["no"]: row["cells"] for row in old.get("rows", [])}
    changed = set()
    for row in new.get("rows", []):
        before = rows.get(row["no"])
        if before is None:
            continue
        changed |= {columns[i] for i, (a, b) in enumerate(zip(before, row["cells"], strict=False))
                    if a != b}  # fmt: skip
    return sorted(changed)


def _entries(old: dict[str, Any], new: dict[str, Any]) -> str:
    count_old, count_new = len(old.get("rows", [])), len(new.get("rows", []))
    if count_new > count_old:
        return texts.CHANGES_ADDED.format(count=count_new - count_old)
    if count_new < count_old:
        return texts.CHANGES_REMOVED.format(count=count_old - count_new)
    return ""


def _tally(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[str]:
    if not old or not new:
        return []
    before = {row["label"]: row["count"] for row in old.get("rows", [])}
    moved = [
        texts.CHANGES_COUNT.format(label=row["label"], old=before.get(row["label"], "0"),
                                   new=row["count"])
        for row in new.get("rows", [])
        if before.get(row["label"], "0") != row["count"]
    ]  # fmt: skip
    return [texts.CHANGES_TALLY.format(what="; ".join(moved))] if moved else []


def _certificates(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    before = {row["number"]: row for row in old.get("rows", [])}
    after = {row["number"]: row for row in new.get("rows", [])}
    added = [n for n in after if n not in before]
    gone = [n for n in before if n not in after]
    changed = [n for n, row in after.items() if n in before and _differs(before[n], row)]
    revoked_before = {row["number"] for row in old.get("revocations", [])}
    revoked = [row["number"] for row in new.get("revocations", []) if row["number"] not in
               revoked_before]  # fmt: skip
    lines = []
    for template, numbers in ((texts.CHANGES_CERT_ADDED, added), (texts.CHANGES_CERT_GONE, gone),
                              (texts.CHANGES_CERT_CORRECTED, changed),
                              (texts.CHANGES_CERT_REVOKED, revoked)):  # fmt: skip
        if numbers:
            listed = ", ".join(numbers[:5]) + (texts.CHANGES_AND_MORE.format(
                more=len(numbers) - 5) if len(numbers) > 5 else "")  # fmt: skip
            lines.append(template.format(count=len(numbers), numbers=listed))
    return lines


def _differs(old: dict[str, Any], new: dict[str, Any]) -> bool:
    ignored = {"no", "status", "revoked", "source"}
    return {k: v for k, v in old.items() if k not in ignored} != {
        k: v for k, v in new.items() if k not in ignored
    }
