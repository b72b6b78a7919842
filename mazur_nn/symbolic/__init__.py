"""Everything that imports sympy: the network as sympy expressions, the
formula printer, and the three-way gradient check.

>>> from mazur_nn import mazur_example
>>> for_network(mazur_example().network).factors["dout_o1/dnet_o1"]
out_o1*(1 - out_o1)
"""

from mazur_nn.symbolic.model import PRECISION, Symbolic, for_network, symbolic

__all__ = ["PRECISION", "Symbolic", "for_network", "symbolic"]
