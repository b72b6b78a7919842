"""Lessons 06 to 11, each a package built on the layers below: calculus
(derivatives), descent (gradient descent), logistic (a unit on digits),
vectorised (the 2-3-1 network in matrix form), xor (the layer API) and
capabilities (what networks can and cannot do). They never import each
other.
"""
