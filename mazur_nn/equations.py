"""Old import path, kept for one release: use :mod:`mazur_nn.render.equations`.

>>> from mazur_nn.equations import equation
>>> equation.__module__
'mazur_nn.render.equations'
"""

from mazur_nn.render.equations import Equation, equation

__all__ = ["Equation", "equation"]
