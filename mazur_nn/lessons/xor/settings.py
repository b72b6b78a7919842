"""What a student types into the XOR trainer, read as settings: a learning
rate, a number of epochs and a seed, each checked and named when it is not
allowed. What is typed is read as numbers only, never evaluated.

>>> settings_from_texts({"learning_rate": "0.3", "epochs": " 50 ", "seed": "2"})
{'learning_rate': 0.3, 'epochs': 50, 'seed': 2}
"""

from __future__ import annotations

from mazur_nn.core.validate import parse_number, parse_whole_number, positive_number
from mazur_nn.lessons.xor.network import MAX_EPOCHS, MAX_SEED

FIELDS = ("learning_rate", "epochs", "seed")


def settings_from_texts(texts: dict) -> dict:
    """``learning_rate``, ``epochs`` and ``seed`` from what was typed.

    >>> settings_from_texts({"learning_rate": "0.5", "epochs": "1000", "seed": "0"})
    {'learning_rate': 0.5, 'epochs': 1000, 'seed': 0}
    >>> settings_from_texts({"learning_rate": "-1", "epochs": "1000", "seed": "0"})
    Traceback (most recent call last):
    ...
    ValueError: learning_rate: -1.0 is not allowed; expected a positive finite number
    >>> settings_from_texts({"learning_rate": "0.5", "epochs": "2e3", "seed": "0"})
    Traceback (most recent call last):
    ...
    TypeError: epochs: "2e3" is not a whole number; type digits only, such as 1000
    """
    rate = parse_number(texts["learning_rate"], "learning_rate")
    return {
        "learning_rate": positive_number(rate, "learning_rate"),
        "epochs": parse_whole_number(texts["epochs"], "epochs", 1, MAX_EPOCHS),
        "seed": parse_whole_number(texts["seed"], "seed", 0, MAX_SEED - 1),
    }
