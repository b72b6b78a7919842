"""The lesson's figures: the loss curve of training, and each network's
output over the plane with its 0.5 boundary (drawn on
:func:`mazur_nn.render.figure.figure`, which loads matplotlib at the first
drawing).

>>> from mazur_nn.lessons.xor import xor_network
>>> fig = decision_surfaces(xor_network(0), xor_network(1), titles=["seed 0", "seed 1"])
>>> [ax.get_title() for ax in fig.axes[:2]]
['seed 0', 'seed 1']
"""

from __future__ import annotations

from mazur_nn.core.layers import Epochs, Sequential
from mazur_nn.core.validate import wrong_kind
from mazur_nn.lessons.xor.network import xor_data
from mazur_nn.render.figure import figure
from mazur_nn.render.surfaces import decision_surface


def loss_curve(record: Epochs, title: str = ""):
    """The loss before each epoch's update, on a log scale.

    >>> from mazur_nn.lessons.xor import train_xor
    >>> fig = loss_curve(train_xor(epochs=10))
    >>> fig.axes[0].get_yscale()
    'log'
    """
    fig = figure(6.0, 3.4)
    ax = fig.subplots()
    epochs = range(1, len(record.losses) + 1)
    ax.plot(epochs, record.losses, color="#0072B2", linewidth=2)
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("MSE on the 4 points (log scale)")
    ax.set_title(title or f"Training on XOR: {len(record.losses)} epochs")
    ax.grid(True, which="major", alpha=0.3)
    fig.tight_layout()
    return fig


def decision_surfaces(*networks: Sequential, titles=None):
    """Each network's output over the plane side by side, with its 0.5
    boundary and the four XOR points (see
    :func:`mazur_nn.render.surfaces.decision_surface`).

    >>> from mazur_nn.lessons.xor import xor_network
    >>> fig = decision_surfaces(xor_network(0), titles=["untrained"])
    >>> fig.axes[0].get_title()
    'untrained'
    """
    if not networks:
        raise ValueError("networks: expected at least one network")
    titles = list(titles) if titles is not None else [repr(n) for n in networks]
    if len(titles) != len(networks):
        raise wrong_kind("titles", f"{len(networks)} titles", len(titles), ValueError)
    X, T = xor_data()
    fig = figure(4.3 * len(networks), 4.0)
    axes = fig.subplots(1, len(networks), squeeze=False)[0]
    for ax, network, title in zip(axes, networks, titles):
        decision_surface(network.predict, X, T[0].astype(int), title, ax=ax)
    fig.tight_layout()
    return fig
