"""The course's content, nothing drawn: the numbers of a worked example
(:mod:`~mazur_nn.course.values`), its steps with their sentences and
formulas (:mod:`~mazur_nn.course.steps`), the report's data
(:mod:`~mazur_nn.course.report`), the post's published numbers
(:mod:`~mazur_nn.course.published`) and training curves
(:mod:`~mazur_nn.course.training`). It uses the core and sympy; the render
layer and the widgets show it.

>>> from mazur_nn import mazur_example
>>> from mazur_nn.course.steps import build_lesson
>>> build_lesson(mazur_example()).step("dE_total/dw5").shown_value
'0.082167041'
"""
