"""The clickable parts of the course (ipywidgets): the stepper (and the
batch stepper), the playground, the builder, the training view and the
training animation, and the parts every widget shares.

The logic lives in plain functions and records (:mod:`mazur_nn.course`,
:mod:`mazur_nn.core`); the widgets only show them. Callbacks run inside an
``Output`` so that an unexpected error shows in the widget and the notebook
keeps working.
"""

import importlib

# Loaded when first asked for (PEP 562): the stepper, the playground and the
# builder import the course and with it sympy, which a lesson that only uses
# the shared parts (a picture, a field) does not need.
_LATE = {
    "BatchStepper": "batch",
    "Builder": "builder",
    "Playground": "playground",
    "Stepper": "stepper",
    "TrainingAnimation": "animation",
    "TrainingView": "training",
}


def __getattr__(name: str):
    """A widget class, from its module, imported when first asked for."""
    if name not in _LATE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_LATE[name]}"), name)


__all__ = [
    "BatchStepper",
    "Builder",
    "Playground",
    "Stepper",
    "TrainingAnimation",
    "TrainingView",
]
