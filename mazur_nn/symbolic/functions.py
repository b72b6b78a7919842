"""The logistic sigmoid as a sympy function, printed as ``\\sigma``.

sympy has no sigmoid; this one knows its derivative, which the tests check
against sympy's own derivative of ``1 / (1 + exp(-x))``.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> sympy.diff(sigma(x), x)
(1 - sigma(x))*sigma(x)
"""

import sympy


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
