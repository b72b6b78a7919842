"""How good is the trained unit? Confusion counts, accuracy, precision and
recall on the held-out test split, the pictures it gets wrong, a sweep over
learning rates, and scikit-learn's ``LogisticRegression`` on the same split.

>>> scores = metrics([1, 1, 0, 0, 0], [1, 0, 1, 0, 0])
>>> scores.tp, scores.fp, scores.fn, scores.tn, scores.accuracy
(1, 1, 1, 2, 0.6)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mazur_nn.core.table import Table
from mazur_nn.core.validate import not_allowed, positive_number, vector_array
from mazur_nn.lessons.logistic.data import Digits, loaded_digits
from mazur_nn.lessons.logistic.training import EPOCHS, LEARNING_RATE, THRESHOLD, TrainedUnit, train

SKLEARN_C = 1.0  # scikit-learn's default regularisation (see compare_with_sklearn)


def percent(value: float) -> str:
    """A share as a percentage with one decimal.

    >>> percent(0.987)
    '98.7 %'
    """
    return f"{100 * value:.1f} %"


@dataclass(frozen=True, repr=False)
class Metrics:
    """Counts of a "9 or not 9" classifier on ``m`` examples: true positives
    (a 9 called 9), false positives (another digit called 9), false negatives
    (a 9 missed), true negatives; and the rates computed from them."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def m(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def correct(self) -> int:
        return self.tp + self.tn

    @property
    def accuracy(self) -> float:
        """Share of all examples classified right."""
        return self.correct / self.m

    @property
    def precision(self) -> float:
        """Of the pictures called 9, the share that are 9 (0 if none was called 9)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Of the nines, the share called 9 (0 if there are no nines)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    def summary(self) -> str:
        """Accuracy (and how many were right), precision and recall, in one line.

        >>> Metrics(tp=1, fp=1, fn=1, tn=2).summary()
        'accuracy 60.0 % (3 of 5), precision 50.0 %, recall 50.0 %'
        """
        right = f"({self.correct} of {self.m})"
        return (
            f"accuracy {percent(self.accuracy)} {right}, "
            f"precision {percent(self.precision)}, recall {percent(self.recall)}"
        )

    def __repr__(self) -> str:
        counts = f"TP {self.tp}, FP {self.fp}, FN {self.fn}, TN {self.tn}"
        return f"Metrics({self.summary()}; {counts})"

    def table(self) -> Table:
        """The confusion counts: what each picture is (rows) against what
        the classifier said (columns)."""
        rows = [
            ("is a 9", f"TP = {self.tp}", f"FN = {self.fn}"),
            ("is another digit", f"FP = {self.fp}", f"TN = {self.tn}"),
        ]
        return Table(("", "called 9", "called not 9"), rows, f"Confusion counts, m = {self.m}")

    def rates(self) -> Table:
        """Accuracy, precision and recall with their formulas and counts."""
        rows = [
            (
                "accuracy",
                "(TP + TN) / m",
                f"{self.correct} / {self.m}",
                percent(self.accuracy),
            ),
            (
                "precision",
                "TP / (TP + FP)",
                f"{self.tp} / {self.tp + self.fp}",
                percent(self.precision),
            ),
            ("recall", "TP / (TP + FN)", f"{self.tp} / {self.tp + self.fn}", percent(self.recall)),
        ]
        return Table(("rate", "formula", "counts", "value"), rows, f"Rates on m = {self.m}")


def metrics(y_true, y_pred) -> Metrics:
    """Confusion counts of predictions ``y_pred`` against labels ``y_true``
    (both 0/1 arrays of the same length), counted by hand.

    >>> metrics([1, 1, 0, 0, 0], [1, 0, 1, 0, 0])
    Metrics(accuracy 60.0 % (3 of 5), precision 50.0 %, recall 50.0 %; TP 1, FP 1, FN 1, TN 2)
    """
    t = vector_array(y_true, "y_true")
    p = vector_array(y_pred, "y_pred", len(t))
    for field, values in (("y_true", t), ("y_pred", p)):
        bad = ~np.isin(values, (0.0, 1.0))
        if bad.any():
            k = int(bad.argmax())
            raise not_allowed(field, f"{values[k]} at [{k}]", "0 or 1")
    if len(t) == 0:
        raise ValueError("y_true: empty; expected at least one example")
    t, p = t == 1, p == 1
    return Metrics(
        int((t & p).sum()), int((~t & p).sum()), int((t & ~p).sum()), int((~t & ~p).sum())
    )


def evaluate(trained: TrainedUnit, data: Digits) -> Metrics:
    """The trained unit's metrics on the held-out test split (threshold 0.5)."""
    return metrics(data.y_test, trained.predict(data.X_test))


@dataclass(frozen=True, repr=False)
class Comparison:
    """The unit and scikit-learn's ``LogisticRegression`` on the same test split."""

    unit: Metrics
    sklearn: Metrics
    C: float

    @property
    def difference(self) -> float:
        """Unit's accuracy minus scikit-learn's, in percentage points."""
        return 100 * (self.unit.accuracy - self.sklearn.accuracy)

    @property
    def reference(self) -> str:
        """The model the unit is compared with, as the tables name it."""
        return f"scikit-learn LogisticRegression(C={self.C:g})"

    def __repr__(self) -> str:
        unit, reference = percent(self.unit.accuracy), percent(self.sklearn.accuracy)
        return (
            f"Comparison(test accuracy: this unit {unit}, {self.reference} {reference}; "
            f"difference {self.difference:+.1f} points)"
        )

    def table(self) -> Table:
        rows = [
            (
                name,
                f"{s.correct} of {s.m}",
                percent(s.accuracy),
                percent(s.precision),
                percent(s.recall),
            )
            for name, s in (
                ("this unit (gradient descent)", self.unit),
                (self.reference, self.sklearn),
            )
        ]
        return Table(
            ("model", "right", "accuracy", "precision", "recall"),
            rows,
            "The same test pictures, two ways of fitting the same model",
        )


def compare_with_sklearn(
    data: Digits, trained: TrainedUnit | None = None, C: float = SKLEARN_C
) -> Comparison:
    """Fit ``sklearn.linear_model.LogisticRegression`` on the same training
    split and score both on the same test split.

    scikit-learn fits the same model (a sigmoid of ``X w + b``, log loss) but
    solves it with L-BFGS to the optimum, adding an L2 penalty ``|w|^2 / 2C``
    (default ``C = 1``). Our gradient descent has no penalty and stops after
    a fixed number of epochs, which keeps the weights small in a similar way.
    ``trained`` defaults to :func:`train` with the lesson's settings.
    """
    from sklearn.linear_model import LogisticRegression  # loaded late, as in load_nines

    loaded_digits(data)
    C = positive_number(C, "C")
    if trained is None:
        trained = train(data)
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(data.X_train, data.y_train)
    return Comparison(evaluate(trained, data), metrics(data.y_test, model.predict(data.X_test)), C)


def learning_rate_table(
    data: Digits, rates=(0.1, 0.5, LEARNING_RATE, 4.0), epochs: int = EPOCHS
) -> Table:
    """Train once per learning rate: the final training loss, the test
    accuracy, and in how many epochs the training loss went up."""
    rows = []
    for rate in rates:
        trained = train(data, rate, epochs)
        rises = sum(
            after > before for before, after in zip(trained.train_loss, trained.train_loss[1:])
        )
        rows.append(
            (
                f"{trained.learning_rate:g}",
                f"{trained.train_loss[-1]:.6f}",
                percent(evaluate(trained, data).accuracy),
                str(rises),
            )
        )
    return Table(
        (
            "learning rate",
            "training loss at the end",
            "test accuracy",
            "epochs where the loss rose",
        ),
        rows,
        f"{epochs} epochs from w = 0, b = 0 at several learning rates",
    )


def misclassified(trained: TrainedUnit, data: Digits) -> list[int]:
    """Rows of the test split the unit gets wrong, most confident mistakes first."""
    p = trained.probabilities(data.X_test)
    wrong = np.flatnonzero((p >= THRESHOLD) != (data.y_test == 1))
    confidence = np.abs(p[wrong] - THRESHOLD)
    return [int(k) for k in wrong[np.lexsort((wrong, -confidence))]]


def misclassified_table(trained: TrainedUnit, data: Digits) -> Table:
    """Every test picture the unit gets wrong: what it shows, the unit's
    probability of a 9, and what the unit said."""
    p = trained.probabilities(data.X_test)
    rows = [
        (
            str(k),
            str(int(data.index_test[k])),
            str(int(data.digits_test[k])),
            f"{p[k]:.3f}",
            "9" if p[k] >= THRESHOLD else "not 9",
        )
        for k in misclassified(trained, data)
    ]
    return Table(
        ("test row", "load_digits index", "digit", "a = P(9)", "unit says"),
        rows,
        f"The {len(rows)} test pictures the unit gets wrong (of {len(data.y_test)})",
    )
