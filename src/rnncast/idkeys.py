"""How a key of several columns is offered where the table suggests one: rows of a long table told apart only by
item_id and store_id together (``repeatedrows``), a config file's ``id_col`` (``configfile``). The key itself is
read by ``serieskeys``: ``id_col=['item_id', 'store_id']`` (a list or tuple) or ``--id-col item_id,store_id``.

Before, such a key was refused with the pandas line that joins the columns into one (``uid``), and every output
then carried that made-up string instead of the columns the user gave (decision 1031).
"""

from __future__ import annotations

from rnncast.serieskeys import text


def advice(parts) -> str:
    """How to name a series by the columns ``parts`` together: ``id_col=['item_id', 'store_id']`` (the CLI's text)."""
    return f"name them together: id_col={[str(p) for p in parts]!r} (--id-col {text(parts)})"
