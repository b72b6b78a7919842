"""Reading a formula a student types, safely.

The grammar accepts only numbers, the names it is given, ``+ - * / **``
(``^`` too), parentheses and the functions ``exp``, ``log`` and ``sigma``
(``sigmoid`` and ``σ`` are the same). Text copied from a rendered formula
reads too: the minus sign ``−`` is ``-``, and ``×``, ``·``, ``⋅`` are ``*``;
``e^x`` is refused with a message that says to write ``exp(x)``. It builds
sympy objects itself: nothing typed is ever passed to ``eval``, ``exec`` or
``sympify``, so ``__import__('os')`` is just an unknown name. Long or deeply
nested input and anything else get a :class:`FormulaError` that says what
is wrong and where, quoting at most 60 typed characters
(:func:`mazur_nn.core.validate.echo`).

Every size is bounded before sympy builds anything, so no input hangs: a
number's exponent is read from its digits (``1e999999999`` is refused
without being built); a part without names (a constant) stays from 1e-30
to 1e30 in size, and a power of numbers is refused before sympy works it
out; exponents of powers go from -100 to 100; the constant parts of what
``exp`` and ``sigma`` take stay from -69 to 69 (sympy would turn
``exp(x + 1000000*log(7))`` into ``7**1000000*exp(x)``).

Grammar::

    expr  := term (("+" | "-") term)*
    term  := unary (("*" | "/") unary)*
    unary := ("+" | "-") unary | power
    power := atom (("**" | "^") unary)?
    atom  := NUMBER | NAME | FUNCTION "(" expr ")" | "(" expr ")"

Example
-------
>>> parse_formula("(out_o1 - t1) * out_o1 * (1 - out_o1) * out_h1", ["out_o1", "t1", "out_h1"])
out_h1*out_o1*(1 - out_o1)*(out_o1 - t1)
>>> parse_formula("__import__('os').system('ls')", ["out_o1"])
Traceback (most recent call last):
...
mazur_nn.exercises.typed.formula.FormulaError: unexpected character "'" at position 12 (...)
>>> parse_formula("__import__", ["out_o1"])
Traceback (most recent call last):
...
mazur_nn.exercises.typed.formula.FormulaError: unknown name '__import__' at position 1; ...
>>> parse_formula("σ(net_o1) × (1 − σ(net_o1))", ["net_o1"])
(1 - sigma(net_o1))*sigma(net_o1)
>>> parse_formula("1/(1 + e^(-net_o1))", ["net_o1"])
Traceback (most recent call last):
...
mazur_nn.exercises.typed.formula.FormulaError: unknown name 'e' at position 8; write e to the ...
>>> parse_formula("exp(exp(exp(100)))", ["net_o1"])
Traceback (most recent call last):
...
mazur_nn.exercises.typed.formula.FormulaError: exp at position 9 is too large: the constant part ...
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from fractions import Fraction

import sympy

from mazur_nn.core.validate import decimal_order, echo
from mazur_nn.exercises.typed.points import value_at
from mazur_nn.symbolic.functions import NAMESPACE

SHOWN_NAMES = 40  # an unknown name's message lists at most this many allowed names

MAX_LENGTH = 500
MAX_DEPTH = 40
MAX_EXPONENT = 100
LARGEST_NUMBER = 10**6  # a number typed is at most this in size
CONSTANT_ORDER = 30  # a constant part stays from 1e-30 to 1e30 in size (or is 0)
EXP_ARGUMENT = 69  # exp(69) < 1e30: the constant part of what exp and sigma take
FUNCTIONS = ("exp", "log", "sigma")  # sigma: the registry's sigmoid, as sympy knows it
FUNCTIONS_TEXT = "numbers, + - * / ** and parentheses, and the functions exp, log and sigma"
_ALIASES = {"sigmoid": "sigma", "σ": "sigma"}
_SAME_OPERATOR = {"−": "-", "×": "*", "·": "*", "⋅": "*"}  # as copied from a rendered formula
_OPERATIONS = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
}
_TOKEN = re.compile(
    r"\s*(?:(?P<number>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z_0-9]*|σ)"
    r"|(?P<op>\*\*|[-+*/^()−×·⋅]))"
)


class FormulaError(ValueError):
    """A formula that cannot be read; ``position`` is 1-based (0: the whole)."""

    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(message)
        self.position = position


def _quoted(text: str) -> str:
    r"""``text`` in quotes as ``repr`` writes it, or, if :func:`echo` has to
    shorten or escape it, ``echo``'s form in single quotes.

    >>> print(_quoted("foo"), _quoted("'"), _quoted("x\u202ey"))
    'foo' "'" 'x\u202ey'
    """
    shown = echo(text)
    return repr(text) if shown == text else f"'{shown}'"


def _is_constant(expr) -> bool:
    return not expr.free_symbols


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """``(kind, text, position)`` for every token; an error for anything else."""
    tokens, index = [], 0
    while index < len(text):
        if text[index:].strip() == "":
            break
        match = _TOKEN.match(text, index)
        if match is None or match.end() == index:
            char = text[index:].lstrip()[:1]
            where = len(text) - len(text[index:].lstrip()) + 1
            hint = (
                " (a formula has no quotes, dots after names or brackets [])"
                if char in "'\"[].,{}"
                else ""
            )
            raise FormulaError(
                f"unexpected character {_quoted(char)} at position {where}{hint}", where
            )
        kind = match.lastgroup
        token = _SAME_OPERATOR.get(match.group(kind), match.group(kind))
        tokens.append((kind, token, match.start(kind) + 1))
        index = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str, names: tuple[str, ...]) -> None:
        self.functions = {name: NAMESPACE[name] for name in FUNCTIONS}
        self.order = tuple(names)  # as given: the exercise's names in the network's order
        self.names = frozenset(names)
        self.tokens = _tokens(text)
        self.index = 0
        self.depth = 0

    # -- helpers ---------------------------------------------------------------

    def peek(self):
        return self.tokens[self.index] if self.index < len(self.tokens) else (None, None, 0)

    def take(self):
        token = self.peek()
        self.index += 1
        return token

    def expect_close(self, opened_at: int) -> None:
        kind, text, position = self.take()
        if text != ")":
            where = f"at position {position}" if text else "at the end"
            raise FormulaError(
                f"missing ')' for the '(' at position {opened_at} ({where})", position or opened_at
            )

    def nested(self, position: int, parse):
        """``parse()`` one level deeper (a sign, a power, parentheses), at most
        :data:`MAX_DEPTH` levels."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FormulaError(
                f"the formula is nested too deeply (more than {MAX_DEPTH} levels)", position
            )
        result = parse()
        self.depth -= 1
        return result

    # -- grammar ------------------------------------------------------------------

    def formula(self):
        if not self.tokens:
            raise FormulaError("the formula is empty; type an expression such as out_o1 - t1")
        result = self.expr()
        kind, text, position = self.peek()
        if kind is not None:
            if text == ")":
                raise FormulaError(
                    f"unexpected ')' at position {position}: no '(' to close", position
                )
            raise FormulaError(
                f"missing operator before {_quoted(text)} at position {position}; write * to "
                "multiply",
                position,
            )
        return result

    def expr(self):
        return self.chain_of(self.term, ("+", "-"))

    def term(self):
        return self.chain_of(self.unary, ("*", "/"))

    def chain_of(self, operand, operators: tuple[str, str]):
        """``operand (op operand)*`` for the two ``operators`` of one precedence, left to right."""
        result = operand()
        while self.peek()[1] in operators:
            _, op, position = self.take()
            right = operand()
            if op == "/" and right == 0:
                raise FormulaError(f"division by zero at position {position}", position)
            result = _bounded(_OPERATIONS[op](result, right), position, f"the {op}")
        return result

    def unary(self):
        kind, text, position = self.peek()
        if text in ("+", "-"):
            self.take()
            operand = self.nested(position, self.unary)
            return operand if text == "+" else -operand
        return self.power()

    def power(self):
        base = self.atom()
        kind, text, position = self.peek()
        if text in ("**", "^"):
            self.take()
            exponent = self.nested(position, self.unary)
            _power_fits(base, exponent, position)
            return _bounded(base**exponent, position, "the power")
        return base

    def atom(self):
        kind, text, position = self.take()
        if kind is None:
            raise FormulaError(
                "the formula ends too early: something is missing at the end", position
            )
        if kind == "number":
            return self.number(text, position)
        if kind == "name":
            return self.name(text, position)
        if text == "(":
            inner = self.nested(position, self.expr)
            self.expect_close(position)
            return inner
        raise FormulaError(f"unexpected {_quoted(text)} at position {position}", position)

    def number(self, text: str, position: int):
        order = decimal_order(text)  # read from the digits: nothing is built yet
        if order is not None and order < -CONSTANT_ORDER:
            raise FormulaError(
                f"the number {echo(text)} at position {position} is too small; numbers go down "
                f"to 1e-{CONSTANT_ORDER} (write 0 for nothing)",
                position,
            )
        if order is None:
            return sympy.Integer(0)  # 0e99999999999 too: zero is never built from its exponent
        value = Fraction(text) if order <= 6 else None
        if value is None or abs(value) > LARGEST_NUMBER:
            raise FormulaError(
                f"the number {echo(text)} at position {position} is too large; numbers go up "
                f"to {LARGEST_NUMBER}",
                position,
            )
        return sympy.Rational(value.numerator, value.denominator)

    def name(self, text: str, position: int):
        function = _ALIASES.get(text, text)
        if function in self.functions:
            kind, after, at = self.peek()
            if after != "(":
                raise FormulaError(
                    f"{text} needs its argument in parentheses: {text}(...)", position
                )
            self.take()
            argument = self.nested(at, self.expr)
            self.expect_close(at)
            _argument_fits(text, function, argument, position)
            return _bounded(self.functions[function](argument), position, text)
        if text == "e" and text not in self.names:
            raise FormulaError(
                f"unknown name 'e' at position {position}; write e to the power x as exp(x), "
                "for example exp(-net_o1) for e^(-net_o1)",
                position,
            )
        if text not in self.names:
            meant = suggestion(text, self.order)
            if meant is not None:
                raise FormulaError(
                    f"unknown name {_quoted(text)} at position {position}: did you mean "
                    f"{meant}?{_which_character(text, meant)}",
                    position,
                )
            if re.fullmatch(r"(E|delta)_\w+", text):
                what = "an error" if text.startswith("E") else "a delta"
                raise FormulaError(
                    f"{echo(text)} at position {position} cannot be typed in this answer: "
                    f"write what {what} stands for in the names listed (the second hint "
                    "shows how to start)",
                    position,
                )
            listed = self.order[:SHOWN_NAMES]
            shown = ", ".join(listed) + (", ..." if len(self.order) > len(listed) else "")
            raise FormulaError(
                f"unknown name {_quoted(text)} at position {position}; use the network's names "
                f"({shown}) and {', '.join(FUNCTIONS)}",
                position,
            )
        return sympy.Symbol(text, real=True)


_LOOK_ALIKE = str.maketrans({"0": "o", "O": "o", "l": "1", "I": "1", "|": "1"})


def _plain(name: str) -> str:
    """``name`` with look-alike characters made one (the digit 0 and the
    letter o, the letter l and the digit 1), lower case, without ``_``."""
    return name.translate(_LOOK_ALIKE).lower().replace("_", "")


def suggestion(text: str, names: Iterable[str]) -> str | None:
    """The one name of ``names`` that ``text`` is most likely a typo of: the
    same but for look-alike characters, case or underscores (``out_01``,
    ``Out_o1``, ``outo1``, ``t_1``), else the one closest in spelling
    (one character more, less or changed); None when there is no single one.

    >>> names = ["t1", "t2", "out_o1", "out_o2", "net_o1", "w5"]
    >>> suggestion("out_01", names), suggestion("outo1", names), suggestion("t_1", names)
    ('out_o1', 'out_o1', 't1')
    >>> suggestion("oot_o1", names), suggestion("out_o3", names), suggestion("x", names)
    ('out_o1', None, None)
    """
    names = tuple(names)
    if len(text) > 40:
        return None
    same = [n for n in names if _plain(n) == _plain(text)]
    if len(same) == 1:
        return same[0]
    near = [n for n in names if _one_edit_apart(_plain(n), _plain(text))]
    return near[0] if len(near) == 1 and len(text) >= 3 else None


def _one_edit_apart(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one character added, removed or changed."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _which_character(text: str, meant: str) -> str:
    """What differs, when it is a digit typed for a letter or back."""
    if "0" in text and "0" not in meant and "o" in meant:
        return " (the letter o, not the digit 0)"
    if any(c in text for c in "lI|") and "1" in meant:
        return " (the digit 1, not a letter)"
    return ""


def _size(expr) -> float:
    """The value of a constant part, in floats, never asked of sympy
    (``nan`` if it has none)."""
    return value_at(expr, {})


def _bounded(expr, position: int, what: str):
    """``expr`` if it has names, or is a constant from 1e-30 to 1e30 in
    size (or 0); a :class:`FormulaError` saying which bound it passes."""
    if not _is_constant(expr):
        return expr
    value = _size(expr)
    if math.isnan(value):
        raise FormulaError(
            f"{what} at position {position} has no real value (a division by zero, a log of "
            "a number that is not positive, or a root of a negative number)",
            position,
        )
    if abs(value) > 10.0**CONSTANT_ORDER:
        raise FormulaError(
            f"{what} at position {position} is too large: a constant part goes up to "
            f"1e{CONSTANT_ORDER} in size",
            position,
        )
    if 0 < abs(value) < 10.0**-CONSTANT_ORDER:
        raise FormulaError(
            f"{what} at position {position} is too small: a constant part goes down to "
            f"1e-{CONSTANT_ORDER} in size (write 0 for nothing)",
            position,
        )
    return expr


def _power_fits(base, exponent, position: int) -> None:
    """Refuse ``base**exponent`` before sympy works it out: an exponent
    beyond ±:data:`MAX_EXPONENT`, a power of numbers beyond 1e±30, a
    power of ``exp(1)`` whose constant part is too large."""
    too_large = FormulaError(
        f"the power at position {position} is too large; exponents go from "
        f"-{MAX_EXPONENT} to {MAX_EXPONENT}",
        position,
    )
    if not _is_constant(exponent):
        if _is_constant(base):  # exp(1)**(x + c) is exp(x + c)
            scale = abs(_size(base))
            log_scale = math.log(scale) if scale > 0 else 1.0
            _constant_terms_fit(exponent, log_scale, "the power", position)
        return
    power = _size(exponent)
    if math.isnan(power) or abs(power) > MAX_EXPONENT:
        raise too_large
    if not _is_constant(base):
        return
    size = abs(_size(base))
    if size == 0 or math.isnan(size):
        return  # 0**-1 and the like: _bounded names them
    order = power * math.log10(size)
    if abs(order) > CONSTANT_ORDER:
        raise FormulaError(
            f"the power at position {position} is too {'large' if order > 0 else 'small'}: "
            f"a power of numbers stays from 1e-{CONSTANT_ORDER} to 1e{CONSTANT_ORDER} in size",
            position,
        )


def _constant_terms_fit(argument, scale: float, what: str, position: int) -> None:
    """Refuse an ``exp``-like argument whose constant terms, times
    ``scale``, are beyond ±:data:`EXP_ARGUMENT` (sympy would work them out)."""
    for term in sympy.Add.make_args(argument):
        if _is_constant(term):
            size = _size(term) * scale
            if math.isnan(size) or abs(size) > EXP_ARGUMENT:
                raise FormulaError(
                    f"{what} at position {position} is too large: the constant part of its "
                    f"argument goes from -{EXP_ARGUMENT} to {EXP_ARGUMENT}",
                    position,
                )


def _argument_fits(text: str, function: str, argument, position: int) -> None:
    """Refuse what ``function`` cannot take before sympy builds it."""
    if function in ("exp", "sigma"):
        _constant_terms_fit(argument, 1.0, text, position)
    elif function == "log" and _is_constant(argument) and not _size(argument) > 0:
        raise FormulaError(
            f"{text} at position {position} has no real value: log takes a positive number",
            position,
        )


def parse_formula(text: str, names: Iterable[str]):
    """The sympy expression of ``text``, which may use ``names``, numbers,
    ``+ - * / ** ^``, parentheses, ``exp``, ``log`` and ``sigma``."""
    if not isinstance(text, str):
        raise FormulaError(f"expected the formula as text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise FormulaError(
            f"the formula is too long ({len(text)} characters; at most {MAX_LENGTH})"
        )
    return _Parser(text, tuple(dict.fromkeys(names))).formula()
