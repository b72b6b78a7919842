"""The clickable parts of the course (ipywidgets): the stepper (and the
batch stepper), the playground, the builder, the training view and the
training animation, and the parts every widget shares.

The logic lives in plain functions and records (:mod:`mazur_nn.course`,
:mod:`mazur_nn.core`); the widgets only show them. Callbacks run inside an
``Output`` so that an unexpected error shows in the widget and the notebook
keeps working.
"""

from mazur_nn.widgets.animation import TrainingAnimation
from mazur_nn.widgets.batch import BatchStepper
from mazur_nn.widgets.builder import Builder
from mazur_nn.widgets.playground import Playground
from mazur_nn.widgets.stepper import Stepper
from mazur_nn.widgets.training import TrainingView

__all__ = [
    "BatchStepper",
    "Builder",
    "Playground",
    "Stepper",
    "TrainingAnimation",
    "TrainingView",
]
