"""mazur_nn.course."""
