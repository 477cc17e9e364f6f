"""A file the editor saved, written as the original file with only the changed values changed.

The browser editor sends the whole file again, as YAML it wrote itself: no comments, its own
quoting, its own order. Writing that would change every line. Instead the original is read with
ruamel.yaml's round trip (which keeps comments, order, quoting and each value's form), each
value the editor changed is set on it, and the result is written back. Untouched lines are
then taken from the original file itself, so a line whose value did not change stays byte for
byte what it was, even where ruamel.yaml would lay it out differently.

Lists of groups with an ``id`` (providers, outcomes) are matched by id, so a provider moved or
added keeps its comments with it; other lists by position (phones, opening hours) or, for lists
of text, by their smallest difference.
"""

from __future__ import annotations

import collections
import difflib
import io

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from .schemapath import SchemaWalk
from .values import (
    NotYaml,
    Sent,
    is_empty,
    is_empty_written,
    plain,
    read_sent,
    same,
    styled,
    typed_by_schema,
    typed_like,
)


class NotFaithful(RuntimeError):
    """The change could not be written so that the loader reads back what the editor meant."""


def round_trip() -> YAML:
    """ruamel.yaml set up as the council files are written: two spaces, lists indented under
    their key, quotes kept, no line ever re-wrapped."""
    reader = YAML(typ="rt")
    reader.preserve_quotes = True
    reader.width = 4096
    reader.indent(mapping=2, sequence=4, offset=2)
    return reader


def _dump(reader: YAML, document: object) -> str:
    out = io.StringIO()
    reader.dump(document, out)
    return out.getvalue()


def merged_text(original: str | None, sent_text: str, schema: SchemaWalk) -> str:
    """The file as it should be written after the editor sent ``sent_text``: ``original`` with
    only the changed values changed (``original`` itself when nothing changed), or, for a new
    file (``original`` None), what was sent, typed by the schema."""
    sent = read_sent(sent_text)
    reader = round_trip()
    if original is None:
        new = new_value(sent, schema)
        return _faithful([_dump(reader, new)], new)
    try:
        document = reader.load(original)
    except YAMLError:
        raise NotYaml("the file cannot be read as it is: `make check` says where") from None
    if not isinstance(document, CommentedMap):
        raise NotYaml("the file is not a group of fields, so the editor cannot change it")
    if not merge_map(document, sent, schema):
        return original
    edited = _dump(reader, document)
    patched = _patched(original, _dump(reader, reader.load(original)), edited)
    candidates = [_comments_put_back(original, patched), patched]
    candidates += [_comments_put_back(original, edited), edited]
    try:
        return _faithful(candidates, document)
    except NotFaithful:
        if not _reads_the_same(original, reader.load(original)):
            raise NotFaithful(UNCLEAR_FILE) from None
        raise


# Why a save of a file that YAML readers read differently is refused.
UNCLEAR_FILE = (
    "some values in this file mean different things to different YAML readers (such as yes, no, "
    "on, off, 09:30 or a number starting with 0, without quotes): `make check` names each one. "
    "Put them in quotes in a text editor, then save again"
)


def _patched(original: str, untouched: str, edited: str) -> str:
    """``edited`` with every line that ruamel.yaml did not change taken from ``original``, when
    ruamel.yaml's reading of the untouched file has its lines one for one with the original."""
    lines, lines_untouched = original.splitlines(True), untouched.splitlines(True)
    if len(lines) != len(lines_untouched):
        return edited
    result = []
    matcher = difflib.SequenceMatcher(None, lines_untouched, edited.splitlines(True), False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        result += lines[i1:i2] if tag == "equal" else matcher.b[j1:j2]
    return "".join(result)


def _comments_put_back(original: str, result: str) -> str:
    """``result`` with each comment line of ``original`` that it lost put back before the line
    it stood before. ruamel.yaml keeps the comments written between two values with the value
    above them, so removing a provider would remove the comment about the next one; a comment
    at the end of a removed line goes with it."""
    old, new = original.splitlines(True), result.splitlines(True)
    lost = collections.Counter(filter(_is_comment, old))
    lost.subtract(filter(_is_comment, new))
    kept = {}
    for tag, i1, i2, j1, _ in difflib.SequenceMatcher(None, old, new, False).get_opcodes():
        if tag == "equal":
            kept.update({i1 + offset: j1 + offset for offset in range(i2 - i1)})
    put_back = collections.defaultdict(list)
    for index, line in enumerate(old):
        if index not in kept and lost[line] > 0:
            lost[line] -= 1
            after = (kept[later] for later in range(index + 1, len(old)) if later in kept)
            put_back[next(after, len(new))].append(line)
    if not put_back:
        return result
    lines = []
    for index, line in enumerate(new):
        lines += [*put_back[index], line]
    return "".join(lines + put_back[len(new)])


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _faithful(candidates: list[str], document: object) -> str:
    """The first text the loader's reader reads as ``document``."""
    for candidate in candidates:
        if _reads_the_same(candidate, document):
            return candidate
    raise NotFaithful("the change could not be written so that it reads back the same")


def _reads_the_same(text: str, document: object) -> bool:
    """Whether the loader's reader (PyYAML) reads ``text`` as ``document``."""
    try:
        return yaml.safe_load(text) == plain(document)
    except (yaml.YAMLError, ValueError):
        return False


def merge_map(old: CommentedMap, sent: dict, schema: SchemaWalk, like: object = None) -> bool:
    """Set on ``old`` each value of ``sent`` that differs; remove what the editor removed. A
    value added is styled like the same value in ``like`` (an item beside ``old`` in its list).
    True if anything changed."""
    changed = False
    for key in [key for key in old if key not in sent and not is_empty_written(old[key])]:
        del old[key]
        changed = True
    previous = None
    for key, value in sent.items():
        if key in old:
            changed |= _merge_at(old, key, value, schema.key(key))
        elif not is_empty(value) and not _is_default(value, schema.key(key)):
            position = list(old).index(previous) + 1 if previous in old else len(old)
            model = like.get(key) if isinstance(like, dict) and key in like else _beside(old)
            old.insert(position, key, new_value(value, schema.key(key), model))
            changed = True
        previous = key if key in old else previous
    return changed


def _is_default(sent: object, schema: SchemaWalk) -> bool:
    """Whether a value the file did not have is its field's default (a form shows an optional
    yes/no question as "no", and sends it so): the file need not say it."""
    default = schema.part.get("default", ...) if isinstance(schema.part, dict) else ...
    return default is not ... and same(plain(new_value(sent, schema)), default)


def _beside(group: CommentedMap) -> object:
    """A value in ``group`` to style a new one like: its first list (a new role's providers
    written ``[a, b]`` like the others)."""
    return next((value for value in group.values() if isinstance(value, CommentedSeq)), None)


def _merge_at(parent: CommentedMap | CommentedSeq, key, sent: object, schema: SchemaWalk) -> bool:
    old = parent[key]
    like = _neighbour(parent, key) if isinstance(parent, CommentedSeq) else None
    if isinstance(parent, CommentedMap) and is_empty(sent):
        if is_empty_written(old):
            return False
        del parent[key]
        return True
    if isinstance(old, CommentedMap) and isinstance(sent, dict):
        return merge_map(old, sent, schema, like)
    if isinstance(old, CommentedSeq) and isinstance(sent, list):
        return _merge_list(old, sent, schema.item())
    if isinstance(sent, Sent) and not isinstance(old, dict | list):
        new = typed_like(sent, old) if old is not None else typed_by_schema(sent, schema)
        if same(new, old):
            return False
        parent[key] = styled(new, old)
        return True
    parent[key] = new_value(sent, schema, None)
    return True


def _merge_list(old: CommentedSeq, sent: list, item_schema: SchemaWalk) -> bool:
    if _ids(old) is not None and _ids(sent) is not None:
        return _merge_by_id(old, sent, item_schema)
    if all(isinstance(item, Sent) for item in sent) and not any(
        isinstance(item, dict | list) for item in old
    ):
        return _merge_texts(old, sent, item_schema)
    changed = False
    for index, item in enumerate(sent[: len(old)]):
        changed |= _merge_at(old, index, item, item_schema)
    for item in sent[len(old) :]:
        old.append(new_value(item, item_schema, old[-1] if old else None))
        changed = True
    while len(old) > len(sent):
        del old[len(old) - 1]
        changed = True
    return changed


def _merge_texts(old: CommentedSeq, sent: list, item_schema: SchemaWalk) -> bool:
    """A list of single values changed by its smallest difference, so that an item removed or
    added leaves the others (and their comments) where they are."""
    like = old[0] if old else None
    new = [
        typed_like(item, like) if like is not None else typed_by_schema(item, item_schema)
        for item in sent
    ]
    keys = [(type(plain(item)).__name__, plain(item)) for item in old]
    new_keys = [(type(plain(item)).__name__, plain(item)) for item in new]
    opcodes = difflib.SequenceMatcher(None, keys, new_keys, False).get_opcodes()
    changed = False
    for tag, i1, i2, j1, j2 in reversed(opcodes):
        if tag == "equal":
            continue
        changed = True
        if i2 - i1 == j2 - j1:
            for offset in range(i2 - i1):
                old[i1 + offset] = styled(new[j1 + offset], old[i1 + offset])
            continue
        for index in reversed(range(i1, i2)):
            del old[index]
        for offset, value in enumerate(new[j1:j2]):
            old.insert(i1 + offset, styled(value, like))
    return changed


def _neighbour(items: CommentedSeq, index: int) -> object:
    """Another item of the list, to style a value added to ``items[index]`` like its own."""
    return next((item for place, item in enumerate(items) if place != index), None)


def _most_alike(items: CommentedSeq, sent: dict) -> object:
    """The item of the list with the most fields in common with a new one, to style it like."""
    return max(items, key=lambda item: len(set(item) & set(sent)), default=None)


def _ids(items: list) -> list[str] | None:
    """The items' ids, when every item is a group of fields with its own id, else None."""
    ids = []
    for item in items:
        value = item.get("id") if isinstance(item, dict) else None
        ids.append(value.text if isinstance(value, Sent) else value)
    if not ids or not all(isinstance(i, str) for i in ids) or len(set(ids)) != len(ids):
        return None
    return ids


def _merge_by_id(old: CommentedSeq, sent: list, item_schema: SchemaWalk) -> bool:
    wanted = _ids(sent) or []
    changed = False
    for index in reversed(range(len(old))):
        if old[index]["id"] not in wanted:
            del old[index]
            changed = True
    for position, item in enumerate(sent):
        current = [group["id"] for group in old]
        if wanted[position] in current[position:]:
            found = current.index(wanted[position], position)
            if found != position:
                moved = old[found]
                del old[found]
                old.insert(position, moved)
                changed = True
            changed |= merge_map(old[position], item, item_schema, _neighbour(old, position))
        else:
            old.insert(position, new_value(item, item_schema, _most_alike(old, item)))
            changed = True
    return changed


def new_value(sent: object, schema: SchemaWalk, like: object = None) -> object:
    """A value the file did not have, typed by the schema and styled like ``like`` (the same
    value in an item beside it), leaving out what the editor left empty."""
    if isinstance(sent, dict):
        group = CommentedMap()
        for key, value in sent.items():
            if not is_empty(value):
                like_value = like.get(key) if isinstance(like, dict) else None
                group[key] = new_value(value, schema.key(key), like_value)
        return group
    if isinstance(sent, list):
        like_item = like[0] if isinstance(like, list) and like else None
        items = CommentedSeq(new_value(item, schema.item(), like_item) for item in sent)
        single_values = all(not isinstance(item, dict | list) for item in items)
        if isinstance(like, CommentedSeq) and like.fa.flow_style() and single_values:
            items.fa.set_flow_style()
        return items
    value = typed_by_schema(sent, schema)
    if isinstance(value, str) and schema.kinds() == set() and like is not None:
        value = typed_like(sent, like)
    return styled(value, like)
