"""argparse with rnncast's refusals: one line naming the command and where the accepted values are
listed, exit status 2 (argparse alone prints its usage block first); a setting flag given twice with
two values (``--epochs 5 ... --epochs 50``, ``--highway --no-highway``) is refused, where argparse keeps
the last silently (``Once``, ``OnceOnOff``): every single-valued flag of every parser built here is
``Once`` (``Parser`` makes it argparse's ``store`` action), so ``--out a --out b`` is refused as ``--epochs``
is; a negative number as float() or int(text, 0) reads it (``-inf``,
``-1e-3``, ``-nan``, ``-1_000``, ``-0x10``), or a comma list of numbers starting with one (``-0.1,0.5``),
is a flag's value, as ``-1`` already is. The ``rnncast`` command and ``python -m rnncast.bench``
build their parsers from it; of rnncast it imports only ``spelling``, ``othernames`` and ``commandnames``, which import
no more. A flag that names
columns reads CSV text or one whole name per repeat (``columnflags``)."""

from __future__ import annotations

import argparse
import os
import sys


class NegativeNumbers:
    """argparse's ``_negative_number_matcher``, widened: a text that starts with ``-`` and whose comma-separated
    parts each read as a number, by ``float()`` (``-inf``, ``-1e-3``, ``-nan``, ``-1_000``) or by ``int(text, 0)``
    (``-0x10``, ``-0b1``), is a flag's value. argparse's own pattern (``-1``, ``-.5``) misses these and a list
    (``--quantiles -0.1,0.5``), which it then takes for flags ("--lr: expected one argument") before the
    setting's own check can name them. A text whose first part starts as a number does (``-999,x``, ``-1e``): no flag
    starts with a digit, and "no flag -999,x" named the wrong problem where the setting's check names the value."""

    def match(self, text: str) -> bool:
        return text.startswith("-") and (all(map(_number, text.split(","))) or text[1:2].isdigit() or
                                         (text[1:2] == "." and text[2:3].isdigit()))


def _number(text: str) -> bool:
    for read in (float, lambda t: int(t, 0)):
        try:
            read(text)
            return True
        except ValueError:
            pass
    return False


NEGATIVE_NUMBER = NegativeNumbers()


class Parser(argparse.ArgumentParser):
    """argparse's parser, refusing a flag or a value in one line (the problem and where the
    accepted ones are listed) and exit status 2, as every other refusal does; argparse alone prints
    the usage block first. Subcommands' parsers are of this class too (``add_subparsers``).

    A negative number, or a list of numbers that starts with one (``NEGATIVE_NUMBER``), is read as a
    value, so ``--lr -inf`` and ``--quantiles -0.1,0.5`` reach the setting's check as ``--lr=-inf``
    does. argparse has no public hook for this: its ``_negative_number_matcher``, which it reads for exactly this choice, is set per parser (none of ours has a flag that looks like a
    number, the case where argparse reads every negative number as a flag)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("allow_abbrev", False)  # predict --h 7 was --help (exit 0, 7 dropped): whole flags only
        super().__init__(*args, **kwargs)
        self._parsing = None  # the arguments being parsed, for error() to name a flag among them it does not know
        self._parsed = self._given = None  # at a refusal: what was parsed and given, for ``elsewhere`` (fitflags)
        self._negative_number_matcher = NEGATIVE_NUMBER
        for name in (None, "store"):  # every single-valued flag, in every group of this parser: given once
            self.register("action", name, Once)

    def error(self, message: str, prog: str | None = None):
        """Exit 2 with one line: ``message``, or, where the arguments being parsed hold a flag this parser
        does not know, that flag named (argparse's own message is then about what it made of the rest:
        ``demo --threads 1`` read ``1`` as the demo's name)."""
        prog = prog or self.prog
        commands = next((a for a in self._actions if a.nargs == argparse.PARSER), None)
        if commands is not None and message == f"the following arguments are required: {commands.metavar}":
            from rnncast.commandnames import no_command  # `rnncast` alone: its commands listed (decision 1621)
            self.print_help(sys.stderr)
            self.exit(2, no_command(prog, commands.metavar.lower(), commands.choices))
        given, self._parsing = getattr(self, "_parsing", None), None  # once: a second error is argparse's own
        unknown = self.unknown_flags(given) if given is not None else []
        listed, self._listed = getattr(self, "_listed", False) and not unknown, False  # an unknown command's names all
        if unknown:
            self._given = given
            message = self.unknown_message(unknown, given)
        self.exit(2, f"{prog}: error: {message}" + ("" if listed else f" ({prog} --help lists what is accepted)") + "\n")

    def _check_value(self, action, value):
        """As argparse's, with a subcommand it does not have refused in the user's words (``commandnames``: the
        nearest one, rnncast's word for another tool's) where argparse said "argument COMMAND: invalid choice"."""
        if action.nargs == argparse.PARSER and value not in action.choices:
            from rnncast.commandnames import unknown_command  # spelling's did_you_mean, as for flags (decision 298)
            noun = (action.metavar or "command").lower()
            self._listed = True  # its commands (or the nearest, or rnncast's word) said: no pointer to --help (decision 1658)
            raise argparse.ArgumentError(None, unknown_command(self.prog, noun, value, action.choices))
        super()._check_value(action, value)

    def parse_known_args(self, args=None, namespace=None):
        """As argparse's, with a flag this parser does not know refused by name (:meth:`unknown_message`)
        by the parser of the command it was given to, where argparse passes it on as an extra (a parser
        with subcommands passes on what follows the subcommand's name, to the subcommand)."""
        args = sys.argv[1:] if args is None else list(args)
        self._parsing = args
        try:
            parsed, extras = super().parse_known_args(args, namespace)
        finally:
            self._parsing = None
        unknown = self.unknown_flags(extras if self._subparsers is None else args)  # its own: before the command
        if unknown:
            self._parsing, self._parsed = args, parsed  # the run given, for a command that says its value (fitflags)
            self.error("")  # names the unknown flags
        return parsed, extras

    def unknown_flags(self, args: list[str]) -> list[str]:
        """The flags among ``args`` (their names, before any ``=value``) that this parser does not know, as a
        whole flag or as the start of one (argparse takes ``--look`` for ``--lookback``); after ``--`` every
        argument is a value. A parser with subcommands owns only what comes before the first value (the
        subcommand's name): the rest is the subcommand's."""
        known = self._option_string_actions
        unknown = []
        for arg in args:
            if arg == "--" or (self._subparsers is not None and not arg.startswith("-")):
                break
            if not arg.startswith("-") or arg == "-" or " " in arg or self._negative_number_matcher.match(arg):
                continue
            name = arg.split("=", 1)[0]
            if name in known or (len(name) > 2 and not name.startswith("--") and name[:2] in known):  # -hx: -h, x
                continue
            if not (name.startswith("--") and self.allow_abbrev and any(flag.startswith(name) for flag in known)) \
                    or (name.startswith("--") and self.other_name(name)):  # --window: not --window-norm's start
                unknown.append(name)  # allow_abbrev is off in every Parser: --look is unknown, as --h is
        return unknown

    def unknown_message(self, unknown: list[str], given: list[str] = ()) -> str:
        """One clause naming the flags this parser does not know, each with the known flag nearest it
        (``rnncast.spelling.did_you_mean``: ``--lookbak`` -> ``--lookback``); a command's own word on them
        (its default ``unrecognized_note(flags) -> str``) instead where it has one. ``given``: the arguments
        parsed, whose values after a flag the advice may be computed from (``--level 80 95``)."""
        from rnncast.spelling import did_you_mean  # spelling imports nothing of rnncast

        note = self.get_default("unrecognized_note")
        said = note(unknown) if callable(note) else ""
        if said:
            return said.removeprefix("; ")
        flags = [flag for flag in self._option_string_actions if flag.startswith("--")]
        said = {name: self.other_name(name, flag_values(name, given)) or self.taken_otherwise(name) or self.abbreviated(name)
                for name in dict.fromkeys(unknown)}  # --test-size: --test-frac; predict --lookback: fixed at fit
        named = ("; " if any(said.values()) else ", ").join(
            name + (": " + said[name] if said[name] else did_you_mean(name, flags, cutoff=0.75)) for name in said)  # not --foo: --out
        return f"unknown flag{'s' if len(said) > 1 else ''} {named}"  # the prefix names the command (decision 1658)

    def abbreviated(self, flag: str) -> str:
        """The flags ``flag`` starts (``--look``: ``--lookback``), as a clause: the parser takes whole flags only
        (``allow_abbrev`` off), so ``--h`` is never ``--help`` nor ``--look`` silently ``--lookback``; ''
        where it starts none."""
        if not flag.startswith("--"):
            return ""
        starts = [f for f in self._option_string_actions if f.startswith(flag) and f != flag]
        if not starts:
            return ""
        return f"flags are given whole, not shortened: write {' or '.join(starts[:3])}{' ...' if len(starts) > 3 else ''}"

    def other_name(self, flag: str, values: list[str] = ()) -> str:
        """rnncast's flag for ``flag``, another library's name for a setting this parser takes (``--seq-len``:
        ``the input window is --lookback (...)``; ``othernames``), as a clause, its advice computed from the
        ``values`` given with it where it is (``--level 95``); '' where it is none."""
        from rnncast.othernames import keyword, other_name  # othernames imports nothing of rnncast

        known = [keyword(f) for f in self._option_string_actions if f.startswith("--")]
        return other_name(flag, known, lambda setting: "--" + setting.replace("_", "-"), self.elsewhere, values)

    def elsewhere(self, setting: str) -> str:
        """How this command takes ``setting`` (a keyword: ``nonnegative``) that is none of its flags, as a clause:
        its default ``setting_elsewhere(setting, parsed, args) -> str`` (predict's: a setting of fit, fixed when the model is
        fitted; bench's: given as --set epochs=N); '' where it has none or takes the setting not at all."""
        said = self.get_default("setting_elsewhere")  # (setting, the arguments parsed, as given): predict's reads RUN
        return said(setting, getattr(self, "_parsed", None), getattr(self, "_given", None) or ()) if callable(said) else ""

    def taken_otherwise(self, flag: str) -> str:
        """``flag`` (rnncast's own name, ``--nonnegative``) as :meth:`elsewhere` says this command takes it:
        ``--nonnegative is a setting of rnncast fit, ...``; '' where it does not."""
        from rnncast.othernames import keyword  # othernames imports nothing of rnncast

        said = self.elsewhere(keyword(flag)) if flag.startswith("--") else ""
        return f"{flag} is {said}" if said else ""

    def parse_args(self, args=None, namespace=None):
        """As argparse's, with flags no parser took named against the command given (``rnncast fit
        --help``), where argparse names the top command; a command whose defaults hold
        ``unrecognized_note(extras) -> str`` adds its word on them (backtest: its windows are cutoffs)."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            given = [getattr(parsed, name, None) for name in ("command", "benchmark")]
            note = getattr(parsed, "unrecognized_note", None)  # a command's word on flags it lacks (set_defaults)
            self.error(f"unrecognized arguments: {' '.join(extras)}{note(extras) if callable(note) else ''}",
                       " ".join([self.prog, *(name for name in given if isinstance(name, str))]))
        return parsed


def flag_values(flag: str, args) -> list[str]:
    """The values given with ``flag`` among ``args``: ``--level=80,95`` or ``--level 80 95`` (what follows it up to
    the next flag; a negative number is a value, ``NEGATIVE_NUMBER``)."""
    values, taking = [], False
    for arg in args or ():
        if arg.startswith(flag + "="):
            values.append(arg.split("=", 1)[1])
        taking = arg == flag or (taking and (not arg.startswith("-") or NEGATIVE_NUMBER.match(arg)))
        if taking and arg != flag:
            values.append(arg)
    return values


GIVEN = "_given_once"  # the namespace's record of the flags (their dests) given so far


def _given_before(namespace, dest: str) -> bool:
    """Whether the flag storing ``dest`` was given before in this parse (its default is no value given),
    recording that it now is."""
    given = vars(namespace).setdefault(GIVEN, set())
    before = dest in given
    given.add(dest)
    return before


class Once(argparse.Action):
    """A flag's value, stored as argparse's ``store`` stores it; given again with another value, refused by
    name. ``Parser`` makes it the action of every flag that takes one value (``--out``, ``--n-windows``).
    ``path``: what the value names ("a folder's path"), for a flag or argument that takes a path (or another name
    no blank could stand for): empty or blank text is refused by name (``refuse_blank``), not read as "not given", and
    a leading ``~`` is the home folder (``os.path.expanduser``), which the shell leaves in ``--out=~/runs`` and in
    quotes; ``home=False`` for a name that is no path (a study's name, a database URL)."""

    def __init__(self, option_strings, dest, nargs=None, const=None, path: str | None = None, home: bool = True,
                 **kwargs):
        if nargs == 0:
            raise ValueError("a flag given once takes a value: nargs=0 is store_true's or store_const's")
        super().__init__(option_strings, dest, nargs=nargs, const=const, **kwargs)
        self.path, self.home = path, home

    def __call__(self, parser, namespace, values, option_string=None):
        if self.path is not None:
            refuse_blank(parser, option_string or self.metavar or self.dest, values, self.path)
            if self.home:  # text only: an optional DATA not given comes as None
                values = [_home(v) for v in values] if isinstance(values, list) else _home(values)
        if _given_before(namespace, self.dest) and getattr(namespace, self.dest) != values:
            parser.error(f"{option_string} is given twice, as {getattr(namespace, self.dest)!r} and then as "
                         f"{values!r}; give it once")
        setattr(namespace, self.dest, values)


def _home(value):
    """``value`` with a leading ``~`` read as the home folder where it is text; else as it is."""
    return os.path.expanduser(value) if isinstance(value, str) else value


def refuse_blank(parser, name: str, values, what: str) -> None:
    """Refuse (``parser.error``: one line, exit 2) a value of ``name`` (``--out``, ``DATA``; each of a list) that is
    empty or blank text: ``--out ''`` wrote to the default folder, ``predict --out ''`` to standard output, ``DATA ''``
    read the current folder. ``what``: what to give instead."""
    for value in values if isinstance(values, list) else [values]:
        if isinstance(value, str) and not value.strip():
            parser.error(f"{name} {value!r} is {'empty' if not value else 'blank'}; give {what}")


class OnceOnOff(argparse.BooleanOptionalAction):
    """``--x`` / ``--no-x``, as argparse's; both given (or one, then the other) is refused by name."""

    def __call__(self, parser, namespace, values, option_string=None):
        value = not option_string.startswith("--no-")
        if _given_before(namespace, self.dest) and getattr(namespace, self.dest) != value:
            parser.error(f"{' and '.join(self.option_strings)} are both given; give one of them")
        setattr(namespace, self.dest, value)
