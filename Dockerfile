# A JupyterHub single-user image with the course: JupyterLab, Voila and the
# notebooks in the user's home. Built on the Jupyter Docker Stacks
# (pinned tag; see docs/teaching.md for the Littlest JupyterHub and Zero to
# JupyterHub recipes).
#   docker build -t mazur-nn-course .
FROM quay.io/jupyter/minimal-notebook:2026-05-31

# The package with the lessons' libraries and Voila (no test packages).
COPY --chown=${NB_UID}:${NB_GID} pyproject.toml README.md /usr/local/src/mazur_nn/
COPY --chown=${NB_UID}:${NB_GID} mazur_nn /usr/local/src/mazur_nn/mazur_nn
RUN pip install --no-cache-dir "/usr/local/src/mazur_nn[lab,serve]" "nbgitpuller>=1.2" \
    && rm -rf /usr/local/src/mazur_nn

# The lessons, where a student's JupyterLab opens.
COPY --chown=${NB_UID}:${NB_GID} notebooks /home/${NB_USER}/mazur_nn
WORKDIR /home/${NB_USER}/mazur_nn
