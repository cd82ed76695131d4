"""A form's refused values: which field each error belongs to, the sentence shown beside it, and
the last good value the record keeps meanwhile.

Errors are routed by where pydantic says they are (``loc``, and the field a rule across fields
names in its parameters), never by their words: the words come last, from the one table in
:mod:`widgets.content.messages`.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, ValidationError

from widgets.content import messages

WHOLE_RECORD = "(record)"  # the key of an error about no one field


def friendly_message(error: dict, overrides: dict[str, str] | None = None) -> str:
    """A sentence for the engineer from one pydantic error; ``overrides`` maps pydantic's code to
    a code of the form's own for this field (``{"int_parsing": "team_size"}``)."""
    return messages.sentence_for(error, (overrides or {}).get(error["type"]))


def field_key(error: dict, field_of: Callable[[tuple], str]) -> str:
    """The form's key for the field an error belongs to (``field_of`` reads its path)."""
    where = messages.path(error)
    return field_of(where) if where else WHOLE_RECORD


def _fallback_path(where: tuple, data: dict) -> tuple:
    """Where a refused value falls back: the refused value itself, as deep as dicts keyed by name
    reach (one answer of one drill probe), else its whole top-level field (a list, a rule)."""
    path, node = [], data
    for part in where:
        if not (isinstance(node, dict) and part in node):
            break
        path.append(part)
        node = node[part]
    return tuple(path) or (where[0],)


def _patch(data: dict, path: tuple, last_good: dict, top: bool = True) -> bool:
    """Put ``last_good``'s value at ``path`` into ``data`` (copying what it changes). Inside a
    dict keyed by name, a value that was never good is dropped; False: nothing to fall back to."""
    head, rest = path[0], path[1:]
    if not rest:
        if head in last_good:
            data[head] = last_good[head]
        elif top or head not in data:
            return False
        else:
            del data[head]
        return True
    if not isinstance(data.get(head), dict):
        return False
    inner = dict(data[head])
    good = last_good.get(head) if isinstance(last_good.get(head), dict) else {}
    if not _patch(inner, rest, good, top=False):
        return False
    data[head] = inner
    return True


def validate_with_fallback(
    model: type[BaseModel],
    data: dict,
    last_good: dict,
    field_of: Callable[[tuple], str] = lambda where: str(where[0]),
) -> tuple[BaseModel | None, dict[str, list[dict]]]:
    """Validate ``data``; refused values fall back to their last good value.

    Returns ``(record or None, {field: [pydantic error, …]})``. The record is None only when the
    data is invalid as a whole (a rule about no one field), or a refused value has no last good
    one. Rules across fields run only once every field is valid, so fallback repeats until
    nothing new is refused.
    """
    problems: dict[str, list[dict]] = {}
    patched = dict(data)
    tried: set[tuple] = set()
    while True:
        try:
            return model.model_validate(patched), problems
        except ValidationError as error:
            items = error.errors()
        paths = set()
        for item in items:
            problems.setdefault(field_key(item, field_of), []).append(item)
            where = messages.path(item)
            if where and _fallback_path(where, patched) not in tried:
                paths.add(_fallback_path(where, patched))
        tried |= paths
        if not [path for path in paths if _patch(patched, path, last_good)]:
            return None, problems
