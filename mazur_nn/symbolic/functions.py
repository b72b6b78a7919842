"""The registry's functions in sympy: the logistic sigmoid as a sympy
function printed as ``\\sigma``, and each activation's and loss's sympy form.

sympy has no sigmoid; this one knows its derivative, which the tests check
against sympy's own derivative of ``1 / (1 + exp(-x))``.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> sympy.diff(sigma(x), x)
(1 - sigma(x))*sigma(x)
"""

import sympy

from mazur_nn.core.functions import get_activation, get_loss


class sigma(sympy.Function):  # noqa: N801 (sympy functions are lower case)
    """``sigma(x) = 1 / (1 + exp(-x))``."""

    def fdiff(self, argindex=1):
        s = sigma(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, x, **kwargs):
        return 1 / (1 + sympy.exp(-x))

    def _eval_evalf(self, prec):
        return (1 / (1 + sympy.exp(-self.args[0]))).evalf(prec)

    def _latex(self, printer):
        return rf"\sigma\left({printer._print(self.args[0])}\right)"


# What the registry's sympy forms may call (mazur_nn.core.functions).
NAMESPACE = {
    "sigma": sigma,
    "tanh": sympy.tanh,
    "exp": sympy.exp,
    "log": sympy.log,
    "Piecewise": sympy.Piecewise,
    "Rational": sympy.Rational,
    "Add": sympy.Add,
}


def _parse(code: str, arguments: dict) -> sympy.Expr:
    """One of the registry's own constant expressions, as sympy. It is our
    own code, never text a user typed (that goes through
    :mod:`mazur_nn.exercises.typed.formula`), so Python reads it directly."""
    return eval(code, {"__builtins__": {}, **NAMESPACE}, arguments)  # noqa: S307 (our own code)


def activation_expression(name: str, net: sympy.Expr, nets=()) -> sympy.Expr:
    """``f(net)`` of the registry's activation ``name``, as sympy; a
    layerwise one (the softmax) also needs ``nets``, its layer's net inputs.

    >>> activation_expression("sigmoid", sympy.Symbol("net"))
    sigma(net)
    >>> activation_expression("relu", sympy.Symbol("x"))
    Piecewise((x, x > 0), (0, True))
    >>> a, b = sympy.symbols("a b")
    >>> activation_expression("softmax", a, (a, b))
    exp(a)/(exp(a) + exp(b))
    """
    return _parse(get_activation(name).sympy_code, {"net": net, "nets": tuple(nets)})


def loss_expression(name: str, t: sympy.Expr, out: sympy.Expr, n: int) -> sympy.Expr:
    """One output's error under the registry's loss ``name``, as sympy.

    >>> t, out = sympy.symbols("t out")
    >>> loss_expression("half_squared_error", t, out, 2)
    (-out + t)**2/2
    """
    return _parse(get_loss(name).sympy_code, {"t": t, "out": out, "n": sympy.Integer(n)})
