"""mazur_nn.render."""
