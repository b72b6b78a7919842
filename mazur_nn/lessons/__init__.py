"""mazur_nn.lessons."""
