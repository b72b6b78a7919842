"""mazur_nn.core."""
