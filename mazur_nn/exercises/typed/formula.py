"""Reading a formula a student types, safely.

The grammar accepts only numbers, the names it is given, ``+ - * / **``
(``^`` too), parentheses and the functions ``exp``, ``log`` and ``sigma``
(``sigmoid`` and ``σ`` are the same). Text copied from a rendered formula
reads too: the minus sign ``−`` is ``-``, and ``×``, ``·``, ``⋅`` are ``*``;
``e^x`` is refused with a message that says to write ``exp(x)``. It builds
sympy objects itself: nothing typed is ever passed to ``eval``, ``exec`` or
``sympify``, so ``__import__('os')`` is just an unknown name. Long or deeply
nested input, huge powers and anything else get a :class:`FormulaError`
that says what is wrong and where.

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
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from fractions import Fraction

import sympy

from mazur_nn.symbolic.functions import NAMESPACE

SHOWN_NAMES = 40  # an unknown name's message lists at most this many allowed names

MAX_LENGTH = 500
MAX_DEPTH = 40
MAX_EXPONENT = 100
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
    r"\s*(?:(?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z_0-9]*|σ)"
    r"|(?P<op>\*\*|[-+*/^()−×·⋅]))"
)


class FormulaError(ValueError):
    """A formula that cannot be read; ``position`` is 1-based (0: the whole)."""

    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(message)
        self.position = position


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
            raise FormulaError(f"unexpected character {char!r} at position {where}{hint}", where)
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
                f"missing operator before {text!r} at position {position}; write * to multiply",
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
            result = _OPERATIONS[op](result, right)
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
            if exponent.is_number and not abs(exponent) <= MAX_EXPONENT:
                raise FormulaError(
                    f"the power at position {position} is too large; exponents go from "
                    f"-{MAX_EXPONENT} to {MAX_EXPONENT}",
                    position,
                )
            return base**exponent
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
        raise FormulaError(f"unexpected {text!r} at position {position}", position)

    def number(self, text: str, position: int):
        value = Fraction(text)
        if abs(value) > 10**6:
            raise FormulaError(f"the number {text} at position {position} is too large", position)
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
            return self.functions[function](argument)
        if text == "e" and text not in self.names:
            raise FormulaError(
                f"unknown name 'e' at position {position}; write e to the power x as exp(x), "
                "for example exp(-net_o1) for e^(-net_o1)",
                position,
            )
        if text not in self.names:
            if re.fullmatch(r"(E|delta)_\w+", text):
                raise FormulaError(
                    f"{text} at position {position} cannot be typed: write it out (an "
                    "error in outputs and targets, as (t1 - out_o1)**2/2 for E_o1; the "
                    "second hint shows how)",
                    position,
                )
            listed = self.order[:SHOWN_NAMES]
            shown = ", ".join(listed) + (", ..." if len(self.order) > len(listed) else "")
            raise FormulaError(
                f"unknown name {text!r} at position {position}; use the network's names "
                f"({shown}) and {', '.join(FUNCTIONS)}",
                position,
            )
        return sympy.Symbol(text, real=True)


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
