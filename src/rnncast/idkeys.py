"""A series is named by one id column: a key of several (item_id and store_id) is refused in one line that gives the
pandas line joining them into one column, whether it came as a list or tuple (``id_col=['item_id', 'store_id']``)
or as text that names several columns (``--id-col item_id,store_id``); the same line is offered where rows of a
long table are told apart only by such a key (``repeatedrows``) and where a static table is keyed by one of its
columns (``static``).

A tester following the old advice for ``--id-col item_id,store_id`` ("In Python ... give a list: ['item_id',
'store_id']") was refused again as ``id column "['item_id', 'store_id']" not found``.
"""

from __future__ import annotations

from rnncast.data import label_text
from rnncast.errors import RnncastError

JOINED = "uid"  # the name the joined column is given in the advice


def joined(parts) -> str:
    """The pandas line that writes the columns ``parts`` as one id column, ``JOINED``."""
    text = " + '_' + ".join(f"df[{str(p)!r}].astype(str)" for p in parts)
    return f"df[{JOINED!r}] = {text}"


def advice(parts) -> str:
    """How to name a series by the columns ``parts`` together: join them, then name the joined column."""
    return (f"join them into one column first, e.g. with pandas: {joined(parts)}, and name that with "
            f"id_col={JOINED!r} (--id-col {JOINED})")


def refuse(parts, given) -> None:
    """Refuse ``given`` (the id_col as handed over) naming the several columns ``parts`` as one series key."""
    if len(parts) == 1:
        raise RnncastError(f"id_col takes one column name as text, got {given!r}: give id_col={str(parts[0])!r} "
                           f"(--id-col {parts[0]})")
    named = " and ".join(repr(str(p)) for p in parts)
    raise RnncastError(f"id_col takes one column, got {given!r}: a series named by {named} together needs them as "
                       f"one column; {advice(parts)}")


def one_column(id_col, columns) -> None:
    """Refuse ``id_col`` given as a list of names, a tuple of names each one of ``columns`` (a tuple that is itself
    one of them, a column of two levels, is one name: as the label or, once the table is read, as its text), or
    text naming several of ``columns`` with commas (and no column itself). The one check of ``loading.load_panel``,
    made once the table's columns are known (a file's too), on the id_col as handed over."""
    names = {str(c[0]) if isinstance(c, tuple) and not any(c[1:]) else str(c) for c in columns}  # ('store', ''): store
    if isinstance(id_col, tuple) and (id_col in set(columns) or label_text(id_col) in names
                                      or not all(str(p) in names for p in id_col)):
        return  # a two-level column's label, or one naming no columns: "not found" names it whole
    if isinstance(id_col, (list, tuple)):
        refuse(list(id_col), id_col)
    if isinstance(id_col, str) and "," in id_col and id_col not in names:
        parts = [p.strip() for p in id_col.split(",")]
        if all(p in names for p in parts):
            refuse(parts, id_col)
