"""The data: scikit-learn's bundled 8 x 8 digits as "9 or not 9", split
into a training and a held-out test part.

1797 pictures, read from the installed scikit-learn (nothing is downloaded),
each flattened into a row of ``n = 64`` grey levels scaled to [0, 1].
Pixel ``k`` (counted from 1, as the lesson writes ``x_k``) is row
``(k - 1) // 8``, column ``(k - 1) % 8`` of the picture.

scikit-learn is imported by :func:`load_nines`, the one place that reads
the pictures.

>>> data = load_nines()
>>> data.X_train.shape, data.y_test.shape, int(data.y_test.sum())
((1347, 64), (450,), 45)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mazur_nn.core.table import Table
from mazur_nn.core.validate import (
    choice,
    finite_number,
    is_whole,
    not_allowed,
    read_only,
    whole_in_range,
    wrong_kind,
)


@dataclass(frozen=True, repr=False)
class Digits:
    """The digits split into a training and a held-out test part.

    ``X_train`` ``(m_train, 64)`` and ``X_test`` ``(m_test, 64)``: one picture
    per row, grey levels scaled to [0, 1]; ``y_train``, ``y_test``: 1.0 for a
    9, 0.0 otherwise; ``digits_train``, ``digits_test``: which digit (0-9) each
    picture shows; ``index_train``, ``index_test``: its position in
    ``sklearn.datasets.load_digits()``. Every array is read-only.
    """

    X_train: object
    y_train: object
    X_test: object
    y_test: object
    digits_train: object
    digits_test: object
    index_train: object
    index_test: object
    test_fraction: float
    seed: int

    @property
    def n(self) -> int:
        """Pixels per picture (inputs of the unit)."""
        return self.X_train.shape[1]

    def __repr__(self) -> str:
        pictures = f"{len(self.y_train)} training and {len(self.y_test)} test pictures"
        nines = f"nines: {int(self.y_train.sum())} training, {int(self.y_test.sum())} test"
        return f"Digits({pictures} of 8x8 = {self.n} pixels; {nines}; split seed {self.seed})"

    def shapes(self) -> Table:
        """What each array holds, and its shape (rows are examples)."""
        rows = [
            ("X_train", str(self.X_train.shape), "one training picture per row, pixels in [0, 1]"),
            ("y_train", str(self.y_train.shape), "1 for a 9, 0 for any other digit"),
            ("X_test", str(self.X_test.shape), "held-out pictures: never used for training"),
            ("y_test", str(self.y_test.shape), "their labels"),
            ("w", f"({self.n},)", "one weight per pixel"),
            ("b", "()", "one number"),
        ]
        return Table(("array", "shape", "holds"), rows, "The data and the unit's parameters")

    def first(self, digit: int, split: str = "train") -> int:
        """Row of the first picture of ``digit`` in the ``"train"`` or ``"test"`` split.

        >>> data = load_nines()
        >>> k = data.first(9)
        >>> int(data.digits_train[k]), float(data.y_train[k])
        (9, 1.0)
        """
        choice(split, "split", ("train", "test"))
        if not is_whole(digit):
            raise wrong_kind("digit", "a whole number from 0 to 9", repr(digit))
        digits = self.digits_train if split == "train" else self.digits_test
        rows = [k for k, d in enumerate(digits.tolist()) if d == digit]
        if not rows:
            raise ValueError(f"digit: {digit} does not occur in the {split} split")
        return rows[0]


def load_nines(test_fraction: float = 0.25, seed: int = 0) -> Digits:
    """The 1797 bundled digits as "9 or not 9", split into training and test.

    Pixels are divided by 16 (their largest value), so they lie in [0, 1].
    The split is stratified (the same share of nines on both sides) and
    seeded (``sklearn.model_selection.train_test_split`` with
    ``random_state=seed``), so the same arguments always give the same split.

    >>> data = load_nines()
    >>> data  # doctest: +NORMALIZE_WHITESPACE
    Digits(1347 training and 450 test pictures of 8x8 = 64 pixels;
           nines: 135 training, 45 test; split seed 0)
    >>> float(data.X_train.min()), float(data.X_train.max())
    (0.0, 1.0)
    """
    fraction = finite_number(test_fraction, "test_fraction")
    if not 0.05 <= fraction <= 0.95:
        raise not_allowed("test_fraction", fraction, "a number from 0.05 to 0.95")
    seed = whole_in_range(seed, "seed", 0, 2**32 - 1, "2**32 - 1")
    # scikit-learn loads late: importing the lesson stays light.
    from sklearn import datasets, model_selection

    bunch = datasets.load_digits()  # read from the installed package
    X = bunch.data / 16.0
    y = (bunch.target == 9).astype(float)
    index = np.arange(len(y))
    parts = model_selection.train_test_split(
        X, y, bunch.target, index, test_size=fraction, random_state=seed, stratify=y
    )
    X_train, X_test, y_train, y_test, d_train, d_test, i_train, i_test = (
        read_only(np.ascontiguousarray(p)) for p in parts
    )
    return Digits(
        X_train, y_train, X_test, y_test, d_train, d_test, i_train, i_test, fraction, seed
    )


def loaded_digits(data) -> Digits:
    """``data``, if it is the :class:`Digits` from :func:`load_nines`.

    >>> loaded_digits({"X": [[0.0]]})
    Traceback (most recent call last):
    ...
    TypeError: data: expected the Digits from load_nines(), got dict
    """
    if not isinstance(data, Digits):
        raise wrong_kind("data", "the Digits from load_nines()", type(data).__name__)
    return data
