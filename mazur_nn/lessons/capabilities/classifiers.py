"""Straight lines against one hidden layer, on the same circles.

A linear classifier ``sigmoid(w . x + b)`` (:func:`linear_classifier`)
always has a straight boundary, so on the circles of
:mod:`~mazur_nn.lessons.capabilities.separable` it does no better than the best
straight line. A few ``tanh`` neurons in one hidden layer
(:func:`one_hidden_layer`) bend the boundary round the inner circle.
:func:`compare_classifiers` trains both by gradient descent (with
scikit-learn's logistic regression and the best line beside them) and
:func:`hidden_size_table` asks how many hidden neurons it takes.

Everything is seeded; the trainings (about a second each) are cached.
scikit-learn is imported when its logistic regression is asked for.

Example
-------
>>> compare_classifiers()
Comparison(best line 68.0 %, linear classifier 52.0 %, one hidden layer 100.0 %)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from mazur_nn.core.layers import BinaryCrossEntropy, Dense, Sequential, Sigmoid
from mazur_nn.core.table import Table
from mazur_nn.core.validate import positive_number, whole_number, wrong_kind
from mazur_nn.lessons.capabilities.formats import decimals, percent
from mazur_nn.lessons.capabilities.hidden_layer import tanh_network
from mazur_nn.lessons.capabilities.limits import MAX_HIDDEN, MAX_POINTS, MAX_SEED
from mazur_nn.lessons.capabilities.separable import (
    BestLine,
    Points,
    accuracy,
    best_line,
    circles,
    outputs,
    point_columns,
)
from mazur_nn.render.figure import figure
from mazur_nn.render.surfaces import decision_surface

# -- a linear classifier against one hidden layer -----------------------------------


def linear_classifier(seed: int = 0):
    """``sigmoid(w . x + b)``: logistic regression as a one-layer network.
    Its boundary (output 0.5) is always a straight line.

    >>> linear_classifier()
    Sequential([Dense(2 -> 1), Sigmoid()], binary_cross_entropy)
    """
    seed = whole_number(seed, "seed", 0, MAX_SEED)
    return Sequential([Dense.create(2, 1, seed), Sigmoid()], BinaryCrossEntropy())


def one_hidden_layer(hidden: int = 8, seed: int = 0):
    """``hidden`` tanh neurons, then one sigmoid output: each hidden neuron
    is a straight line, the output bends them into a curve.

    >>> one_hidden_layer(3)
    Sequential([Dense(2 -> 3), Tanh(), Dense(3 -> 1), Sigmoid()], binary_cross_entropy)
    """
    return tanh_network(hidden, seed, Sigmoid(), BinaryCrossEntropy())


@dataclass(frozen=True, eq=False)
class Classifier:
    """A trained classifier with its training history and accuracies."""

    name: str
    network: object  # the trained Sequential
    training: object  # its Epochs
    train_accuracy: float
    test_accuracy: float

    def predict(self, X):
        return self.network.predict(point_columns(X, "X"))

    def __repr__(self) -> str:
        losses = self.training.losses
        return (
            f"Classifier({self.name}: loss {decimals(losses[0])} -> {decimals(losses[-1])} "
            f"in {len(losses)} epochs, {percent(self.train_accuracy)} right)"
        )


def train_classifier(
    name: str, network, points: Points, test: Points, learning_rate=1.0, epochs: int = 1000
) -> Classifier:
    """``network`` trained on ``points`` by full-batch gradient descent,
    scored on ``points`` and on the unseen ``test`` points."""
    for field_name, value in (("points", points), ("test", test)):
        if not isinstance(value, Points):
            raise wrong_kind(field_name, "Points", type(value).__name__)
    learning_rate = positive_number(learning_rate, "learning_rate")
    training = network.train(points.X, points.labels, learning_rate, epochs)
    trained = training.network
    return Classifier(name, trained, training, accuracy(trained, points), accuracy(trained, test))


def _logistic_regression(points: Points, test: Points) -> tuple[float, float]:
    """scikit-learn's logistic regression (a straight line), scored."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression().fit(points.X.T, points.labels[0])
    return model.score(points.X.T, points.labels[0]), model.score(test.X.T, test.labels[0])


@dataclass(frozen=True, eq=False)
class Comparison:
    """Straight lines against one hidden layer on the same circles."""

    points: Points
    test: Points
    best: BestLine
    logistic: tuple[float, float]  # scikit-learn's accuracy on points, test
    linear: Classifier
    network: Classifier

    def table(self):
        """Each model's accuracy on its training points and on new ones."""
        n = self.network.network.layers[0].shape[1]
        rows = [
            (
                "best possible straight line (every line tried)",
                "3",
                percent(self.best.accuracy),
                percent(accuracy(self.best.line, self.test)),
            ),
            ("scikit-learn LogisticRegression", "3", *map(percent, self.logistic)),
            (
                "linear classifier: sigmoid(w . x + b)",
                "3",
                percent(self.linear.train_accuracy),
                percent(self.linear.test_accuracy),
            ),
            (
                f"one hidden layer: 2-{n}-1, tanh then sigmoid",
                str(4 * n + 1),
                percent(self.network.train_accuracy),
                percent(self.network.test_accuracy),
            ),
        ]
        return Table(
            ("model", "parameters", f"right of {self.points.m} training points", "of new points"),
            rows,
            f"Two circles ({self.points.m} points): straight lines against a hidden layer",
        )

    def outputs_table(self):
        """The smallest and largest output each trained model gives the
        training points: the linear one answers about 0.5 everywhere."""
        rows = []
        for model in (self.linear, self.network):
            out = outputs(model, self.points.X)
            rows.append(
                (
                    model.name,
                    decimals(out.min()),
                    decimals(out.max()),
                    decimals(model.training.losses[-1]),
                )
            )
        return Table(
            ("model", "smallest output", "largest output", "final loss"),
            rows,
            "What each model answers on the training points",
        )

    def boundaries(self):
        """The linear classifier's boundary and the network's, side by side."""
        fig = figure(9.0, 4.2)
        left, right = fig.subplots(1, 2)
        for model, ax in ((self.linear, left), (self.network, right)):
            title = f"{model.name}: {percent(model.train_accuracy)} right"
            decision_surface(model.predict, self.points.X, self.points.labels, title, ax=ax)
        fig.tight_layout()
        return fig

    def __repr__(self) -> str:
        return (
            f"Comparison(best line {percent(self.best.accuracy)}, "
            f"linear classifier {percent(self.linear.train_accuracy)}, "
            f"one hidden layer {percent(self.network.train_accuracy)})"
        )


def compare_classifiers(
    m: int = 100, seed: int = 0, hidden: int = 8, learning_rate=1.0, epochs: int = 1000
) -> Comparison:
    """Circles of ``m`` points (``seed``; new points for the test: ``seed +
    1``), the best straight line, scikit-learn's logistic regression, and
    the linear classifier and the one-hidden-layer network trained by
    gradient descent with the same settings. Cached: the same arguments
    give the same (immutable) result at once.

    >>> compare_classifiers(hidden=0)
    Traceback (most recent call last):
    ...
    ValueError: hidden: expected a whole number from 1 to 256, got 0
    """
    m, seed = whole_number(m, "m", 4, MAX_POINTS), whole_number(seed, "seed", 0, MAX_SEED)
    hidden = whole_number(hidden, "hidden", 1, MAX_HIDDEN)
    learning_rate = positive_number(learning_rate, "learning_rate")
    points, test = _circles_pair(m, seed)
    return Comparison(
        points,
        test,
        best_line(points),
        _logistic_regression(points, test),
        _trained(m, seed, 0, learning_rate, epochs),
        _trained(m, seed, hidden, learning_rate, epochs),
    )


@lru_cache(maxsize=4)
def _circles_pair(m, seed) -> tuple[Points, Points]:
    """Training circles (``seed``) and new ones for the test (``seed + 1``)."""
    return circles(m, seed), circles(m, seed + 1)


@lru_cache(maxsize=16)
def _trained(m, seed, hidden, learning_rate, epochs) -> Classifier:
    """The linear classifier (``hidden = 0``) or a one-hidden-layer network
    trained on the circles: cached, as a training takes about a second."""
    points, test = _circles_pair(m, seed)
    if hidden == 0:
        name, network = "linear classifier", linear_classifier(seed)
    else:
        name, network = f"one hidden layer ({hidden} tanh)", one_hidden_layer(hidden, seed)
    return train_classifier(name, network, points, test, learning_rate, epochs)


def hidden_size_table(
    sizes=(1, 2, 3, 4, 8), m: int = 100, seed: int = 0, learning_rate=1.0, epochs: int = 1000
):
    """How many hidden neurons the circles need: accuracy by hidden size.
    One neuron is one line; two make a band; three can close round the
    inner circle."""
    if isinstance(sizes, (int, str)) or not hasattr(sizes, "__iter__"):
        raise wrong_kind("sizes", "a list of hidden sizes", repr(sizes))
    sizes = [whole_number(h, "sizes", 1, MAX_HIDDEN) for h in sizes]
    if not sizes:
        raise ValueError("sizes: expected at least one hidden size")
    m, seed = whole_number(m, "m", 4, MAX_POINTS), whole_number(seed, "seed", 0, MAX_SEED)
    learning_rate = positive_number(learning_rate, "learning_rate")
    rows = []
    for h in sizes:
        c = _trained(m, seed, h, learning_rate, epochs)
        rows.append((str(h), str(4 * h + 1), percent(c.train_accuracy), percent(c.test_accuracy)))
    return Table(
        ("hidden neurons", "parameters", "right of the training points", "of new points"),
        rows,
        f"One hidden layer of tanh neurons on the circles ({epochs} epochs each)",
    )
