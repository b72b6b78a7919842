"""mazur_nn.widgets.views."""
