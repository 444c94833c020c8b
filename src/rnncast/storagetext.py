"""A tune's storage URL as rnncast shows it (its errors, its lines) and records it (tune.json): its secrets masked."""

from __future__ import annotations

import re

SECRET_KEYS = ("password", "sslpassword")  # libpq's and psycopg's keys in a URL's query that hold a secret
_QUERY_SECRET = re.compile(r"([?&](?:%s)=)[^&#]*" % "|".join(SECRET_KEYS), re.IGNORECASE)
# user [^:/]* (SQLAlchemy's pattern), then :password@ up to the last '@' before the host (a bare '@' in a password,
# p@ss, which SQLAlchemy ends at the first: decision 1850); a query's '@' is not the host's
_USER_SECRET = re.compile(r"^([\w+]+://[^:/]*):[^?#]*@(?=[^@/?#]*(?:[/?#]|$))")


def hide_password(url: str) -> str:
    """``url`` with each secret it holds as ``***``: the password after ``user:`` (an empty user too:
    ``postgresql://:pw@host``; one holding a bare '@', ``u:p@ss@host``, up to the last '@' before the host:
    decision 1850) and the query's ``password=`` and ``sslpassword=`` (any case, each time given), which
    libpq and psycopg take (decision 1801). Read by SQLAlchemy's ``make_url``, as the storage will be, and written
    back by its ``render_as_string(hide_password=True)`` where it holds a user's password; else its text is kept (a
    SQLite path keeps its spelling) with its query's secrets masked, as is text SQLAlchemy cannot read."""
    try:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError
    except ImportError:  # optuna without SQLAlchemy: no database URL is opened, its text masked all the same
        return _QUERY_SECRET.sub(r"\1***", _USER_SECRET.sub(r"\1:***@", url))
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return _QUERY_SECRET.sub(r"\1***", _USER_SECRET.sub(r"\1:***@", url))
    if parsed.password is None:  # nothing SQLAlchemy would render differently: the text as given, its query's masked
        return _QUERY_SECRET.sub(r"\1***", url)
    if "@" in (parsed.host or ""):  # u:p@ss@host read as password 'p' at host 'ss@host': all of p@ss masked
        return _QUERY_SECRET.sub(r"\1***", _USER_SECRET.sub(r"\1:***@", url))
    return _QUERY_SECRET.sub(r"\1***", parsed.render_as_string(hide_password=True))
