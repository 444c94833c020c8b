"""``storagetext``: a tune's storage URL shown and recorded with its secrets masked, and as given where it holds none."""

from __future__ import annotations

import pytest

from rnncast.storagetext import hide_password


def test_a_storage_url_is_shown_without_its_password():
    assert hide_password("postgresql://ann:s3cret@db.example/tune") == "postgresql://ann:***@db.example/tune"
    assert hide_password("sqlite:///study.db") == "sqlite:///study.db"
    assert hide_password("sqlite:////abs/pa th/study.db?timeout=5") == "sqlite:////abs/pa th/study.db?timeout=5"


@pytest.mark.parametrize("url, shown", [
    ("postgresql://:S3cretE@127.0.0.1:1/optuna", "postgresql://:***@127.0.0.1:1/optuna"),
    ("postgresql://db/optuna?user=alice&password=S3cret", "postgresql://db/optuna?user=alice&password=***"),
    ("postgresql+psycopg2://alice:S3cret@db/optuna?sslpassword=K3yPass",
     "postgresql+psycopg2://alice:***@db/optuna?sslpassword=***"),
    ("postgresql://db/o?PASSWORD=a&password=b", "postgresql://db/o?PASSWORD=***&password=***&password=***"),
    ("mysql://u:p%40ss@h/db", "mysql://u:***@h/db"),
])
def test_a_password_in_the_query_or_beside_an_empty_user_is_masked_too(url, shown):
    """t35t4 M1: ``?password=``, ``?sslpassword=`` (libpq, psycopg) and ``postgresql://:pw@host`` (an empty user)
    were shown on the terminal and recorded in tune.json (decision 1801)."""
    masked = hide_password(url)
    assert "S3cret" not in masked and "K3yPass" not in masked and "p%40ss" not in masked
    if "PASSWORD" not in url:
        assert masked == shown
    else:
        assert "=a" not in masked and "=b" not in masked


def test_a_sqlite_url_with_a_password_in_its_query_is_masked_and_text_sqlalchemy_cannot_read_by_its_patterns():
    assert hide_password("sqlite:///file:/tmp/tu6.db?mode=rwc&password=S3cretF&uri=true") == \
        "sqlite:///file:/tmp/tu6.db?mode=rwc&password=***&uri=true"  # its path as given
    assert hide_password("not a url ://x:pw@h?password=p") == "not a url ://x:pw@h?password=***"


@pytest.mark.parametrize("url, shown", [
    ("postgresql://u:p@ss@host/db", "postgresql://u:***@host/db"),
    ("postgresql://u:p@s@s@host:5432/db?x=a@b", "postgresql://u:***@host:5432/db?x=a@b"),
    ("mysql://u:p/w@s@h/db?password=x", "mysql://u:***@h/db?password=***"),
    ("postgresql://u:pw@host/d@b", "postgresql://u:***@host/d%40b"),  # an @ after the host: SQLAlchemy renders it
])
def test_a_password_holding_a_bare_at_sign_is_masked_whole(url, shown):
    """SQLAlchemy ends the password at the first '@': u:p@ss@host was shown as u:***@ss@host, the tail of the
    password in tune's errors and tune.json (r35r3 finding 10, decision 1850)."""
    assert hide_password(url) == shown
