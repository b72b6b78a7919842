"""sympy derives the softmax's Jacobian and the shortcut ``out - t`` itself,
from the registry's definition exp(net_k) / sum_j exp(net_j)."""

import sympy

from mazur_nn import Network
from mazur_nn.symbolic.model import for_network
from mazur_nn.symbolic.softmax import jacobian, shortcut


def symbols(prefix, count):
    return [sympy.Symbol(f"{prefix}{k}", real=True) for k in range(1, count + 1)]


def test_jacobian_is_out_k_times_kronecker_minus_out_j():
    for count in (2, 3, 4):
        nets, outs = symbols("net_o", count), symbols("out_o", count)
        matrix = jacobian("softmax", nets, outs)
        for k in range(count):
            for j in range(count):
                textbook = outs[k] * (int(k == j) - outs[j])
                assert sympy.expand(matrix[k][j] - textbook) == 0


def test_jacobian_equals_the_raw_derivative_at_a_point():
    nets, outs = symbols("net_o", 3), symbols("out_o", 3)
    matrix = jacobian("softmax", nets, outs)
    point = {nets[0]: 0.3, nets[1]: -1.2, nets[2]: 2.0}
    total = sum(sympy.exp(x) for x in nets)
    out_values = {o: (sympy.exp(x) / total).subs(point) for o, x in zip(outs, nets)}
    for k in range(3):
        raw = sympy.diff(sympy.exp(nets[k]) / total, nets[1]).subs(point)
        assert abs(float(matrix[k][1].subs(out_values) - raw)) < 1e-14


def test_the_well_known_result_out_minus_t():
    for count in (2, 3, 4):
        nets, outs, targets = symbols("net_o", count), symbols("out_o", count), symbols("t", count)
        for j in range(count):
            assert shortcut("softmax", "cross_entropy", nets, outs, targets, j) == (
                outs[j] - targets[j]
            )


def test_the_model_sums_the_paths_and_they_simplify_to_the_shortcut():
    network = Network.create([2, 2, 3], ["sigmoid", "softmax"], "cross_entropy")
    sym = for_network(network)
    t1, t2, t3 = (sym.symbol(t) for t in ("t1", "t2", "t3"))
    for o, t in zip(("o1", "o2", "o3"), (t1, t2, t3)):
        delta = sym.factors[f"delta_{o}"]
        assert len(delta.args) == 3  # one path through each output
        assert sym.shortcut(o) == sym.symbol(f"out_{o}") - t
        # with the targets adding up to 1, the paths' sum is the shortcut
        summed = sympy.expand(sympy.simplify(delta).xreplace({t3: 1 - t1 - t2}))
        outs = [sym.symbol(f"out_o{k}") for k in (1, 2, 3)]
        out_sum = sympy.expand(summed - sym.shortcut(o).xreplace({t3: 1 - t1 - t2}))
        # what is left is a multiple of (out_o1 + out_o2 + out_o3 - 1), which is 0
        assert sympy.simplify(out_sum.xreplace({outs[2]: 1 - outs[0] - outs[1]})) == 0
