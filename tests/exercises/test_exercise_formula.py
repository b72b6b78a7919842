"""The restricted formula parser: right formulas read as sympy does,
hostile and malformed input gets a clear message, and nothing is ever
evaluated (eval, exec, sympify and parse_expr are booby-trapped here)."""

import builtins
import re

import pytest
import sympy

from mazur_nn.exercises.typed.formula import MAX_DEPTH, MAX_LENGTH, FormulaError, parse_formula
from mazur_nn.symbolic.functions import sigma

NAMES = ["out_o1", "out_h1", "t1", "w5", "net_o1", "eta"]
out_o1, out_h1, t1, w5, net_o1, eta = (sympy.Symbol(n, real=True) for n in NAMES)


@pytest.fixture(autouse=True)
def nothing_is_evaluated(monkeypatch):
    def trap(*args, **kwargs):
        raise AssertionError("student text reached an evaluator")

    monkeypatch.setattr(builtins, "eval", trap)
    monkeypatch.setattr(builtins, "exec", trap)
    monkeypatch.setattr(sympy, "sympify", trap)
    monkeypatch.setattr(sympy.parsing.sympy_parser, "parse_expr", trap)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "(out_o1 - t1) * out_o1 * (1 - out_o1) * out_h1",
            (out_o1 - t1) * out_o1 * (1 - out_o1) * out_h1,
        ),
        ("-(t1 - out_o1)", out_o1 - t1),
        ("out_o1^2 / 2", out_o1**2 / 2),
        ("1/(1 + exp(-net_o1))", 1 / (1 + sympy.exp(-net_o1))),
        ("sigma(net_o1) * (1 - sigmoid(net_o1))", sigma(net_o1) * (1 - sigma(net_o1))),
        ("log(out_o1) + 0.5e-1", sympy.log(out_o1) + sympy.Rational(1, 20)),
        ("w5 - eta * .25", w5 - eta / 4),
        ("2 ** -1 * t1", t1 / 2),
        ("  out_o1  ", out_o1),
        # copied from a rendered formula: a minus sign, times and dots, sigma
        ("−(t1 − out_o1)", out_o1 - t1),
        ("out_o1 × (1 − out_o1) · out_h1 ⋅ w5", out_o1 * (1 - out_o1) * out_h1 * w5),
        ("σ(net_o1)·(1 − σ(net_o1))", sigma(net_o1) * (1 - sigma(net_o1))),
        ("out_o1^2 × t1**−1", out_o1**2 / t1),
    ],
)
def test_right_formulas_read_as_the_math(text, expected):
    assert sympy.simplify(parse_formula(text, NAMES) - expected) == 0


@pytest.mark.parametrize(
    "text, message",
    [
        ("__import__('os').system('ls')", "unexpected character"),
        ("__import__", "unknown name '__import__'"),
        ("out_o1.__class__", "unexpected character '.'"),
        ("lambda: 1", "unexpected character ':'"),
        ("lambda", "unknown name 'lambda'"),
        ("eval", "unknown name 'eval'"),
        ("open('x')", "unexpected character"),
        ("[out_o1]", "unexpected character '['"),
        ("out_o1; t1", "unexpected character ';'"),
        ("x + 1", "unknown name 'x'"),
        ("", "the formula is empty"),
        ("   ", "the formula is empty"),
        ("(out_o1 - t1", "missing ')'"),
        ("out_o1 - t1)", "unexpected ')'"),
        ("out_o1 *", "ends too early"),
        ("2 out_o1", "missing operator"),
        ("(out_o1)(t1)", "missing operator"),
        ("exp out_o1", "exp needs its argument in parentheses"),
        ("9 ** 9 ** 9 ** 9", "too large"),
        ("10 ** 1000", "too large"),
        ("out_o1 / 0", "division by zero"),
        ("1" * 20, "too large"),
        ("out_o1 + " * 100 + "t1", "too long"),
        ("(" * (MAX_DEPTH + 5) + "out_o1" + ")" * (MAX_DEPTH + 5), "nested too deeply"),
        ("-" * (MAX_DEPTH + 5) + "out_o1", "nested too deeply"),
        ("−" * (MAX_DEPTH + 5) + "out_o1", "nested too deeply"),
        ("1/(1 + e^(-net_o1))", "unknown name 'e' at position 8; write e to the power x as exp(x)"),
        ("e**-net_o1", "write e to the power x as exp(x), for example exp(-net_o1)"),
        ("σ net_o1", "σ needs its argument in parentheses: σ(...)"),
        ("σ.__class__", "unexpected character '.'"),
        ("out_o1 × × t1", "unexpected '*' at position 10"),
        ("out_o1 ÷ t1", "unexpected character '÷'"),
    ],
)
def test_hostile_and_malformed_input_gets_a_clear_message(text, message):
    with pytest.raises(FormulaError, match=re.escape(message)):
        parse_formula(text, NAMES)


def test_error_positions_point_at_the_problem():
    with pytest.raises(FormulaError) as caught:
        parse_formula("out_o1 + foo", NAMES)
    assert caught.value.position == 10


def test_positions_count_a_copied_sign_as_one_character():
    with pytest.raises(FormulaError) as caught:
        parse_formula("σ(net_o1) − foo", NAMES)
    assert caught.value.position == 13


def test_e_is_read_as_a_name_where_it_is_one():
    e = sympy.Symbol("e", real=True)
    assert parse_formula("e^2", ["e"]) == e**2


def test_very_long_input_is_refused_before_reading():
    with pytest.raises(FormulaError, match=f"at most {MAX_LENGTH}"):
        parse_formula("1+" * 10_000 + "1", NAMES)


def test_only_text_is_accepted():
    with pytest.raises(FormulaError, match="expected the formula as text"):
        parse_formula(42, NAMES)


def test_an_error_name_is_told_to_be_written_out():
    with pytest.raises(
        FormulaError,
        match=r"E_o1 at position 1 cannot be typed in this answer: write what an error",
    ):
        parse_formula("E_o1 + E_o2", ["t1", "out_o1", "t2", "out_o2"])


def test_an_unknown_name_lists_every_allowed_name_in_order():
    names = ["i1", "i2", "t1", "t2", "out_o1", "w5", "w7"]
    with pytest.raises(FormulaError) as error:
        parse_formula("foo", names)
    assert "(i1, i2, t1, t2, out_o1, w5, w7)" in str(error.value)
