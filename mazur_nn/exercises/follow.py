"""Exercises that follow a network a student builds.

:func:`follow` wires an :class:`~mazur_nn.exercises.widget.ExercisePanel`
to a :class:`~mazur_nn.widgets.Builder`: the panel asks its lesson's
questions on the builder's network now, and on the new one after every
change (a neuron more, another activation, a weight typed). Where the
questions cannot be asked (a network with no hidden layer), the panel
says so in one line and asks again once they can.

>>> import os, tempfile
>>> from mazur_nn.exercises.progress import ProgressStore
>>> from mazur_nn.widgets import Builder
>>> folder = tempfile.TemporaryDirectory()
>>> store = ProgressStore(os.path.join(folder.name, "progress.json"))
>>> builder = Builder(prefetch=False)
>>> panel = follow(builder, "02", store=store)
>>> panel.exercises[2].step
'dE_total/dw5'
>>> builder.add_neuron(1)  # a third hidden neuron: the post's w5 is now w7
>>> panel.exercises[2].step
'dE_total/dw7'
>>> folder.cleanup()
"""

from __future__ import annotations

from mazur_nn.core.config import mazur_example
from mazur_nn.exercises.progress import ProgressStore
from mazur_nn.exercises.widget import ExercisePanel


def follow(builder, lesson_id: str, store: ProgressStore | None = None) -> ExercisePanel:
    """An exercise panel of lesson ``lesson_id`` (``"01"`` to ``"04"``) on
    ``builder``'s network, that follows every change of it."""
    panel = ExercisePanel(lesson_id, mazur_example(), store=store)  # asks on any network
    panel.set_config(builder.config)
    builder.on_change(panel.set_config)
    return panel
