"""How the course writes numbers: as the post prints them (9 decimals,
trailing zeros dropped), and a difference as a bound (``< 1e-9``).

Pure Python, so printing a number never loads sympy.

>>> format_number(0.082167040564)
'0.082167041'
>>> bound(8.0e-11)
'< 1e-9'
"""

from __future__ import annotations


def format_number(value: float, digits: int = 9, latex: bool = False) -> str:
    r"""``value`` as the post prints it: ``digits`` decimals, trailing zeros
    dropped; values under 1e-4 or from 1e6 up in scientific notation with ``digits - 3``
    significant digits. Negative numbers are bracketed for LaTeX.

    >>> format_number(0.082167040564), format_number(0.74136507), format_number(3.5102e-05)
    ('0.082167041', '0.74136507', '3.5102e-05')
    >>> format_number(2.0068775e126)
    '2.00688e+126'
    >>> format_number(-0.0190491183, latex=True)
    '\\left(-0.019049118\\right)'
    """
    value = float(value)
    if value == 0 or 1e-4 <= abs(value) < 1e6:
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
        text = "0" if text in ("-0", "") else text
    else:
        mantissa, exponent = f"{value:.{max(digits - 4, 1)}e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        text = rf"{mantissa} \cdot 10^{{{int(exponent)}}}" if latex else f"{mantissa}e{exponent}"
    return rf"\left({text}\right)" if latex and value < 0 else text


def bound(difference: float) -> str:
    """A difference as the smallest power-of-1000 bound above it: ``< 1e-9``.

    >>> bound(8.0e-11), bound(3e-7), bound(0.0)
    ('< 1e-9', '< 1e-6', '< 1e-12')
    """
    for exponent in (12, 9, 6, 3):
        if difference < 10.0**-exponent:
            return f"< 1e-{exponent}"
    return f"{difference:.1e}"
