"""What the lesson's modules share: the checks of their arguments (each
error names the field and what is allowed), the number formats of their
tables, and the network with one hidden layer of ``tanh`` neurons that both
the classifier and the ``x * y`` fit are built from.

numpy and the layer API are imported inside the functions.

Example
-------
>>> _columns([[0, 1], [2, 3]]).tolist(), _percent(0.68), _decimals(-0.00001)
([[0.0, 1.0], [2.0, 3.0]], '68.0 %', '0.0000')
>>> _whole(0, "hidden", 1, MAX_HIDDEN)
Traceback (most recent call last):
...
ValueError: hidden: expected a whole number from 1 to 256, got 0
"""

from __future__ import annotations

from mazur_nn.core.validate import finite_number

MAX_POINTS = 1000
MAX_HIDDEN = 256


# -- checks ------------------------------------------------------------------------


def _whole(value, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{field}: expected a whole number from {low} to {high}, got {value!r}")
    return value


def _seed(value, field: str = "seed") -> int:
    return _whole(value, field, 0, 2**31 - 2)  # seed + 1 is used too


def _float_array(values, field: str, expected: str):
    """``values`` as a float array; a ``TypeError`` saying what was
    ``expected`` if they are not numbers."""
    import numpy as np

    try:
        return np.array(values, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{field}: expected {expected}, got {values!r}") from None


def _columns(values, field: str = "points"):
    """A finite float array of shape ``(2, k)``: one point per column."""
    import numpy as np

    array = _float_array(values, field, "numbers")
    if array.ndim != 2 or array.shape[0] != 2 or array.shape[1] < 1:
        raise ValueError(
            f"{field}: expected shape (2, k), one point (x, y) per column, got {array.shape}"
        )
    if not np.isfinite(array).all():
        raise ValueError(f"{field}: NaN or infinite values are not allowed")
    return array


def _pairs(values, field: str = "points"):
    """``(x, y)`` pairs (a list of them) as a ``(2, k)`` array."""
    array = _float_array(values, field, "(x, y) pairs of numbers")
    if array.ndim != 2 or array.shape[1] != 2 or array.shape[0] < 1:
        raise ValueError(f"{field}: expected a list of (x, y) pairs, got shape {array.shape}")
    return _columns(array.T, field)


def _range(low, high) -> tuple[float, float]:
    low, high = finite_number(low, "low"), finite_number(high, "high")
    if not low < high:
        raise ValueError(f"high: expected a number greater than low = {low}, got {high}")
    return low, high


# -- number formats ------------------------------------------------------------------


def _percent(fraction: float) -> str:
    return f"{100 * fraction:.1f} %"


def _signed(value: float) -> str:
    """``+ 0.4025`` or ``- 0.4025``, to follow another term."""
    return f"{'-' if value < 0 else '+'} {abs(value):.4f}"


def _decimals(value: float, digits: int = 4) -> str:
    text = f"{value:.{digits}f}"
    return "0." + "0" * digits if text == "-0." + "0" * digits else text


# -- the network with one hidden layer -------------------------------------------------


def _tanh_network(hidden: int, seed: int, output, loss):
    """2 inputs, ``hidden`` tanh neurons, then one neuron with the ``output``
    activation layer, trained on ``loss``: the first layer's weights are
    drawn with ``seed``, the second's with ``seed + 1``."""
    from mazur_nn.core.layers import Dense, Sequential, Tanh

    hidden, seed = _whole(hidden, "hidden", 1, MAX_HIDDEN), _seed(seed)
    layers = [Dense.create(2, hidden, seed), Tanh(), Dense.create(hidden, 1, seed + 1), output]
    return Sequential(layers, loss)
