"""How far the lesson's arguments may go: how many points, how many hidden
neurons, which seeds. Every check that uses them names its field and says
what is allowed.

>>> MAX_POINTS, MAX_HIDDEN, MAX_SEED + 1 == 2**31 - 1
(1000, 256, True)
"""

from __future__ import annotations

MAX_POINTS = 1000  # best_line tries m^2 / 2 lines
MAX_HIDDEN = 256
MAX_PRODUCT_POINTS = 10_000  # the x * y data
MAX_SEED = 2**31 - 2  # seed + 1 is used too: the test circles, a network's second layer
