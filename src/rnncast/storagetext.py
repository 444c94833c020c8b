"""A tune's storage URL as rnncast shows it (its errors, its lines) and records it (tune.json): its secrets masked."""

from __future__ import annotations

import re

SECRET_KEYS = ("password", "sslpassword")  # libpq's and psycopg's keys in a URL's query that hold a secret
_QUERY_SECRET = re.compile(r"([?&](?:%s)=)[^&#]*" % "|".join(SECRET_KEYS), re.IGNORECASE)
_USER_SECRET = re.compile(r"^([\w+]+://[^:/]*):[^@]*@")  # SQLAlchemy's own pattern: user [^:/]*, then :password@


def hide_password(url: str) -> str:
    """``url`` with each secret it holds as ``***``: the password after ``user:`` (an empty user too:
    ``postgresql://:pw@host``) and the query's ``password=`` and ``sslpassword=`` (any case, each time given), which
    libpq and psycopg take (decision 9803). Read by SQLAlchemy's ``make_url``, as the storage will be, and written
    back by its ``render_as_string(hide_password=True)``; a URL holding no secret is returned as given (a SQLite
    path keeps its spelling), and one SQLAlchemy cannot read is masked by the same two patterns on its text."""
    try:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError
    except ImportError:  # optuna without SQLAlchemy: no database URL is opened, its text masked all the same
        return _QUERY_SECRET.sub(r"\1***", _USER_SECRET.sub(r"\1:***@", url))
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return _QUERY_SECRET.sub(r"\1***", _USER_SECRET.sub(r"\1:***@", url))
    if parsed.password is None and not any(key.lower() in SECRET_KEYS for key in parsed.query):
        return url
    return _QUERY_SECRET.sub(r"\1***", parsed.render_as_string(hide_password=True))
