"""What a public method or function of the API was handed that it does not take, refused in one line: an
unknown keyword (``predict(df, futures=plans)``) with the closest one it takes and all of them, a setting
of ``Forecaster`` given to a method (``predict(df, horizon=5)``, ``fit(X, epochs=10)``) named as one and where
it is given instead, another library's name for a setting (``fit(X, shuffle=True)``, ``othernames``) with
rnncast's; and more values by position than it takes. Each an ``UnknownParameter`` (an ``RnncastError`` and a
``TypeError``), not Python's bare "unexpected keyword argument", which names neither.

:func:`checked_call` decorates the method or function, :func:`checked_methods` a class's public methods;
each keeps the signature (``functools.wraps``: ``inspect.signature`` and ``help`` show the real parameters). How the refusal says a setting is given
depends on the caller: ``BEFORE`` (``fit``, ``backtest``: set it, then call again), ``FITTED`` (a fitted model's
methods: it takes effect at the next fit), ``SAVED`` (``load``), ``FIXED`` (``tune``: ``settings=``). A classmethod
that returns a new object (``load``) called on an instance is refused too (:class:`class_only`). An estimator's
``__init__`` (``Forecaster(epoch=3)``) is checked by :func:`checked_keywords`, ``set_params`` by :func:`unknown_parameter`'s
refusal, which every refusal of a keyword here is."""

from __future__ import annotations

import functools
import inspect

from rnncast.config import setting_fields
from rnncast.errors import RnncastError, UnknownParameter
from rnncast.noticed import one_call
from rnncast.othernames import METHOD_KEYWORDS, given_to_fit, not_a_setting, setting_of
from rnncast.spelling import counted, did_you_mean

# how a setting of Forecaster handed to a method is given instead ({name}: the setting, {method}: the method)
BEFORE = "given as Forecaster({name}=...) or set_params({name}=...) before {method}"
FITTED = ("fixed when the model is fitted: given as Forecaster({name}=...) or set_params({name}=...), it takes effect "
          "at the next fit")
SAVED = "read from the saved model; set_params({name}=...) after load changes it for the next fit"
FIXED = "given to tune as settings={{{name!r}: ...}} (fixed for every trial)"
NOT_BOUND = ("self", "cls")  # a method's first parameter: never given by the caller


def unknown_parameter(name, valid, owner: str = "Forecaster", value=None) -> UnknownParameter:
    """The refusal of a keyword ``owner`` does not take, with the closest of ``valid`` and all of them; another
    library's name for one of them (``test_size``) with rnncast's (``othernames``; ``value``: the value given, which
    ``level``'s advice is computed from)."""
    other = not_a_setting(name, valid, given_to_fit, value)  # Forecaster(time_idx=...): a column role of fit
    if other:
        return UnknownParameter(other)
    if owner == "Forecaster" and given_to_fit(name):  # Forecaster(target='sales'): fit's own keyword, not a setting
        return UnknownParameter(f"{name!r} is not a parameter of Forecaster: it is {given_to_fit(name)}")
    return UnknownParameter(f"unknown parameter {name!r} for {owner}{did_you_mean(name, valid)}; valid parameters: "
                            f"{', '.join(valid)}")


def checked_keywords(init):
    """Decorate an estimator's ``__init__`` so that a keyword it does not take raises ``unknown_parameter``
    (an ``UnknownParameter``, also a ``TypeError``) with a did-you-mean hint instead of Python's bare
    "unexpected keyword argument", and a value given by position to keyword-only settings the same. The signature stays the explicit one (``inspect.signature`` follows
    ``__wrapped__``), so scikit-learn's ``get_params``, ``set_params`` and ``clone`` see the same keywords."""
    valid = [p for p in inspect.signature(init).parameters if p != "self"]
    owner = init.__qualname__.rsplit(".", 2)[-2]  # Forecaster.__init__: Forecaster
    by_position = sum(p.kind is p.POSITIONAL_OR_KEYWORD for p in inspect.signature(init).parameters.values()) - 1

    @functools.wraps(init)
    def checked(self, *args, **kwargs):
        if len(args) > by_position:  # Python's own refusal names no setting: "takes 1 positional argument but 2 were given"
            raise UnknownParameter(f"{owner} takes its settings by keyword, as {owner}({', '.join(v + '=...' for v in valid[:2])}), "
                                   f"not by position; got {counted(len(args), 'positional value')}: "
                                   f"{', '.join(repr(a) for a in args)}")
        for name in kwargs:
            if name not in valid:
                raise unknown_parameter(name, valid, owner, kwargs[name]) from None
        for name, check in getattr(self, "_checked_at_once", {}).items():  # holidays=<a frame> (decision 2000)
            if name in kwargs:
                check(kwargs[name])
        init(self, *args, **kwargs)

    return checked


def checked_call(settings_given: str = FITTED):
    """Decorate a public method or function so that a keyword it does not take raises ``UnknownParameter``:
    a setting of ``Forecaster`` said as one (``settings_given``: how it is given instead), another library's
    name for a setting as ``othernames`` answers it, any other with the closest keyword it takes and all of them;
    and more values by position than it takes the same. Put it under ``classmethod``/``staticmethod``."""

    def decorate(func):
        parameters = list(inspect.signature(func).parameters.values())
        shown = [p for p in parameters if not (p is parameters[0] and p.name in NOT_BOUND)]
        keywords = [p.name for p in shown if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
        any_keyword = any(p.kind is p.VAR_KEYWORD for p in parameters)
        any_position = any(p.kind is p.VAR_POSITIONAL for p in parameters)
        positional = [p.name for p in shown if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        bound = len(parameters) - len(shown)  # self or cls, handed over by Python among args
        qualname = func.__qualname__.rsplit("<locals>.", 1)[-1]  # tune, Learned.check_fitted

        def name(args) -> str:  # a method by the class it was called on: Forecaster.check_fitted, not Learned's
            if not bound or not args:
                return qualname
            owner = args[0] if parameters[0].name == "cls" else type(args[0])
            return f"{getattr(owner, '__name__', '')}.{func.__name__}"

        @functools.wraps(func)
        def checked(*args, **kwargs):
            if not any_keyword:
                for key in kwargs:
                    if key not in keywords:
                        raise refusal(key, keywords, func.__name__, name(args), settings_given, kwargs[key]) from None
            if not any_position and len(args) - bound > len(positional):
                raise UnknownParameter(too_many(name(args), len(args) - bound, positional, keywords))
            if twice := [key for key in positional[:len(args) - bound] if key in kwargs]:
                raise UnknownParameter(given_twice(name(args), twice[0], args[bound + positional.index(twice[0])]))
            with one_call():  # a note said once per call (noticed.first_in_call), not once per process
                return func(*args, **kwargs)

        return checked

    return decorate


def given_twice(method: str, key: str, value) -> str:
    """The refusal of ``key`` given both by position (``value``) and by keyword, which Python raises as a TypeError:
    scikit-learn's ``Pipeline.fit(X, y, fc__target=...)`` hands ``y=None`` on by position."""
    pipeline = (" (scikit-learn's Pipeline and search tools pass y=None there: a Forecaster reads its target from the "
                "data by name and scores on its own split by time, so call it directly, and search settings with "
                "rnncast.tune)") if value is None else ""
    shape = getattr(value, "shape", None)
    shown = (f"a {type(value).__name__}" + (f" of shape {tuple(shape)}" if shape is not None else "")
             if not isinstance(value, (str, int, float, bool, type(None))) or len(repr(value)) > 60 else repr(value))
    return f"{method} got {key} twice, by position ({shown}) and as {key}=; give it once{pipeline}"


def checked_methods(**settings_given):
    """Decorate a class so that each public method it defines (not those it inherits: decorate their class)
    is ``checked_call``'s, a method a new one too; ``settings_given``: a method's name -> how a setting of
    Forecaster is given instead (``FITTED`` for the others). Dunder methods are left as they are."""

    def decorate(cls):
        for attr, value in list(vars(cls).items()):
            if attr.startswith("_"):
                continue
            check = checked_call(settings_given.get(attr, FITTED))
            if isinstance(value, (classmethod, staticmethod)):
                setattr(cls, attr, type(value)(check(value.__func__)))
            elif inspect.isfunction(value):
                setattr(cls, attr, check(value))
        return cls

    return decorate


class class_only(classmethod):
    """A classmethod that makes a new object (``Forecaster.load``) refused where it is called on an instance:
    ``f = Forecaster(); f.load(path)`` returned the loaded model and left ``f`` unfitted, and ``f.predict`` then said
    "not fitted yet". Read from an instance it is a function raising ``RnncastError`` that says to call it on the
    class (``hasattr``, ``dir`` and ``help`` see it as before); read from the class, Python's classmethod."""

    def __get__(self, instance, owner=None):
        if instance is None:
            return super().__get__(instance, owner)
        cls, name = type(instance).__name__, self.__func__.__name__

        def refused(*args, **kwargs):
            raise RnncastError(f"{name} is called on the class: it returns a new {cls} and leaves this one as it was; "
                               f"write model = {cls}.{name}(...), not model.{name}(...)")

        refused.__name__, refused.__doc__ = name, self.__func__.__doc__
        return refused


def refusal(key: str, keywords: list[str], method: str, name: str, settings_given: str, value=None) -> UnknownParameter:
    """The refusal of keyword ``key`` by ``name`` (which takes ``keywords``): a setting of Forecaster said as one
    (given as ``settings_given`` says), another library's name for one with rnncast's (its advice computed from
    ``value``, the value given, where it is ``level``'s), else the closest keyword."""
    settings = [f.name for f in setting_fields()]
    if key in settings:
        return UnknownParameter(f"{method} takes no {key}=: it is a setting of Forecaster, "
                                f"{settings_given.format(name=key, method=method)}")
    if given_to_fit(key):  # predict(id_col=...): a column role of fit, fixed as the settings are
        return UnknownParameter(f"{method} takes no {key}=: it is {given_to_fit(key)}")
    whose, looked, instead = METHOD_KEYWORDS.get((method, key), ("", key, ""))  # Darts' predict(n): h (decision 1493)
    other = not_a_setting(looked, [*settings, *keywords], given_to_fit, value)  # stride: backtest's step; h: the setting horizon
    other = f"{key} ({whose}){other[len(looked):]}" if whose and other else other
    setting = setting_of(looked, [*settings, *keywords])
    if other and setting in settings and setting not in keywords:  # tune(h=7): horizon, given in settings=
        given = settings_given.format(name=setting, method=method)
        other += "; " + (given.split(": ", 1)[-1] if given.split(": ")[0] in other else given)  # "fixed ..." once
    if other:
        return UnknownParameter(f"{other}; {instead}" if instead else other)
    if not keywords:
        return UnknownParameter(f"unknown parameter {key!r} for {name}, which takes no parameters")
    return unknown_parameter(key, keywords, name, value)


def too_many(name: str, given: int, positional: list[str], keywords: list[str]) -> str:
    """The refusal of ``given`` values by position where ``name`` takes ``positional``, the rest by keyword."""
    taken = f"at most {counted(len(positional), 'value')} by position ({', '.join(positional)})" if positional else \
        "no value by position"
    rest = [k for k in keywords if k not in positional]
    return f"{name} takes {taken}, got {given}" + (f"; by keyword only: {', '.join(rest)}" if rest else "")
