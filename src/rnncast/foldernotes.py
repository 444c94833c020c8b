"""The lines said while the files of a folder are read, said once for the folder (decision 2263): twelve monthly
files separated by ';' with decimal commas said 24 lines, each naming one file's base name (``part-0.csv`` in every
line of a Hive folder); now each line is said once, of the first file it was said of (its path), and how many more
files it holds for."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path

HERE = "\0"  # where a file's name stood in a line


@contextmanager
def held():
    """Within it, what rnncast's loggers say is held back (not said) and gathered in the list it yields: the
    ``LogRecord`` s, in order."""
    records: list[logging.LogRecord] = []

    def hold(record):
        records.append(record)
        return False

    loggers = [logging.getLogger("rnncast")] + [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)
                                                if name.startswith("rnncast.")]
    for logger in loggers:
        logger.addFilter(hold)
    try:
        yield records
    finally:
        for logger in loggers:
            logger.removeFilter(hold)


def said(folder: Path, per_file: list[tuple[Path, list[logging.LogRecord]]]) -> None:
    """Says each line of ``per_file`` (a file, the records held while it was read: ``held``) once: the first file's
    line, and where other files said it too (their name aside), "(the same for N more files of FOLDER: ...)"."""
    lines: dict[tuple, list] = {}
    for path, records in per_file:
        for record in records:
            text = record.getMessage().replace(str(path), HERE).replace(path.name, HERE)
            lines.setdefault((record.name, record.levelno, text), []).append(path)
    for (name, level, text), paths in lines.items():
        more = [str(p.relative_to(folder)) for p in paths[1:]]
        also = (f" (the same for {len(more)} more file(s) of {folder}: {', '.join(more[:3])}"
                f"{', ...' if len(more) > 3 else ''})") if more else ""
        logging.getLogger(name).log(level, "%s%s", text.replace(HERE, str(paths[0])), also)
