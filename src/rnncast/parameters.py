"""scikit-learn's parameter contract, as its ``BaseEstimator`` keeps it: an estimator's parameters are the keywords
of its constructor, read from its signature (``get_params``), stored as given and checked only at the next fit
(``set_params``: an unknown name refused with the closest one), and its repr names those that differ from their
defaults. ``Forecaster`` takes them from :class:`Parameters`; its own module writes the keywords out, and
:func:`parameters_doc` its docstring's Parameters section from the settings' help. As ``BaseEstimator`` does, a
pickle (``copy.deepcopy``, joblib, multiprocessing) carries the rnncast version that made it, and another version's
is refused (decision 1458): a pickle hands a model to another process of the same rnncast, ``save``/``load`` keep it.
"""

from __future__ import annotations

import inspect
import re
import textwrap

from rnncast.checkedcalls import checked_methods, unknown_parameter
from rnncast.config import setting_fields
from rnncast.errors import RnncastError
from rnncast.settingvalues import same_value
from rnncast.version import __version__

PICKLED_BY = "_rnncast_pickled_by"  # the key of the version in a pickled estimator's state


@checked_methods()  # get_params(deep=True, bogus=1): the keyword refused by name, as Forecaster's own methods refuse one
class Parameters:
    """The parameters of an estimator whose ``__init__`` takes them by keyword and stores each as given."""

    # parameter -> its check, run where it is given (the constructor, set_params) besides fit's: a value no setting of
    # that kind ever takes (Prophet's holidays frame given as holidays=; decision 2000)
    _checked_at_once: dict = {}

    @classmethod
    def _param_names(cls) -> list[str]:
        return [p for p in inspect.signature(cls.__init__).parameters if p != "self"]

    def get_params(self, deep: bool = True) -> dict:
        """Every constructor keyword and its value as stored (``deep`` is scikit-learn's; there are no nested
        estimators). After fit these may differ from the fitted model's (``changed_since_fit``)."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params) -> "Parameters":
        """Store ``params`` (keywords of the constructor) as given and return ``self``; values are checked at the next
        fit, where they take effect: a fitted model predicts, evaluates and saves as fitted (warned once per set of
        changes). An unknown name raises ``RnncastError`` (also a ``TypeError``) naming the closest one."""
        valid = self._param_names()
        for name, value in params.items():
            if name not in valid:
                raise unknown_parameter(name, valid, value=value)  # an RnncastError, and a TypeError as Forecaster(epoch=3)'s
            if name in self._checked_at_once:
                self._checked_at_once[name](value)
            setattr(self, name, value)
        return self

    def __getstate__(self) -> dict:
        """The attributes a pickle holds (``pickle``, ``copy.deepcopy``, joblib's and multiprocessing's hand-over), with
        the rnncast version that pickled them."""
        return {**self.__dict__, PICKLED_BY: __version__}

    def __setstate__(self, state: dict) -> None:
        """Take the attributes of a pickle made by this rnncast version. Raises ``RnncastError`` for one made by
        another, or one without the version (made before rnncast stamped its pickles, or not an estimator's), whose
        internals this version may misread without a word."""
        state = dict(state)
        by = state.pop(PICKLED_BY, None)
        if by != __version__:  # none: made before rnncast stamped its pickles, whatever its version (decision 1510)
            made = (f"was pickled by rnncast {by} and this is rnncast {__version__}" if by else
                    f"was pickled before rnncast stamped its pickles (or not by a {type(self).__name__})")
            raise RnncastError(f"this {type(self).__name__} {made}: a pickle holds one version's internals; unpickle it "
                               "with that version and save() it, then Forecaster.load(path) reads the folder here")
        self.__dict__.update(state)

    def __repr__(self) -> str:
        defaults = type(self)().get_params()
        changed = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items() if not same_value(v, defaults[k]))
        return f"{type(self).__name__}({changed})"


def parameters_doc(notes: dict[str, str] | None = None) -> str:
    """The settings as a docstring's Parameters section (``Forecaster``'s keywords): each name, type and default, its
    help (a flag it names given by its keyword: ``--max-batches`` as ``max_batches``) and choices; the flags' own words,
    then ``notes[name]`` where given (what only a Python caller needs to know)."""
    notes = notes or {}
    names = {f.name for f in setting_fields()}

    def keyword(match: re.Match) -> str:
        name = match.group(1).replace("-", "_")
        return name if name in names else match.group(0)

    lines = ["", "    Parameters (every one a keyword, stored as given and checked at fit; the same settings as the command",
             "    line's flags and a TOML file's keys)", "    ----------"]
    for f in setting_fields():
        kind = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
        choices = f.metadata.get("choices")
        text = re.sub(r"--([a-z][a-z-]*)", keyword, f.metadata["help"]) + (
            f"; one of {', '.join(map(str, choices))}" if choices else "") + (f". {notes[f.name]}" if f.name in notes else "")
        lines.append(f"    {f.name} : {kind}, default {f.default!r}")
        lines += textwrap.wrap(text[0].upper() + text[1:] + ".", 110, initial_indent=" " * 8, subsequent_indent=" " * 8)
    return "\n".join(lines) + "\n"
