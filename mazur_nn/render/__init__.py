"""Records in, text or pictures out: tables, equations, handouts (text,
Markdown, LaTeX, JSON), the network diagram and the plots. Modules that draw
import matplotlib (through :func:`mazur_nn.render.figure.figure`); this
package imports none of them by itself.

>>> from mazur_nn.core.names import Names
>>> from mazur_nn.render.drawing import layout
>>> layout(Names((2, 2, 2), "shared")).layers
(('i1', 'i2'), ('h1', 'h2'), ('o1', 'o2'))
"""
