"""Exercises in the notebook: type an answer, Check, ask for a Hint.

:class:`ExerciseWidget` shows one exercise's prompt, an answer box, a
**Check** button (Enter works too) and a **Hint** button that climbs the
hint ladder. The feedback appears inside the widget; every answer checked
and every hint viewed is written to the :class:`ProgressStore` at once, so
a kernel restart or re-running the cell brings back the last answer, its
feedback and the hints already seen. Nothing typed is evaluated: it goes to
the checker's number reader or restricted formula grammar.

Nothing typed is lost: every answer checked is written to the progress
file whatever the verdict, also when the checker fails on it (a bug: the
widget then says so in a sentence, never with a traceback) or the file
cannot be written (it stays in memory and is written with the next one);
the typed text stays in the box.

:class:`ExercisePanel` holds a lesson's exercises with a running score;
:class:`QuizWidget` is the final quiz on fresh numbers from a seed.

Example
-------
>>> import tempfile, os
>>> from mazur_nn.exercises.bank import exercise
>>> folder = tempfile.TemporaryDirectory()
>>> store = ProgressStore(os.path.join(folder.name, "progress.json"))
>>> box = ExerciseWidget(exercise("02-dE_total_dw5"), store=store)
>>> box.type("0.4398")
>>> box.check()
>>> box.feedback_text
"✗ Not yet: missing the factor dout_o1/dnet_o1 = out_o1*(1 - out_o1), the sigmoid's derivative."
>>> box.type("0.08217"); box.check(); box.solved
True
>>> ExerciseWidget(exercise("02-dE_total_dw5"), store=store).answer.value  # the cell run again
'0.08217'
>>> folder.cleanup()
"""

from __future__ import annotations

import html
import warnings
from dataclasses import replace

import ipywidgets as w

from mazur_nn.core.validate import ECHO_LIMIT, echo, wrong_kind
from mazur_nn.exercises.bank import exercises_for
from mazur_nn.exercises.checking.verdict import check
from mazur_nn.exercises.hints import HINT_LEVELS, hints
from mazur_nn.exercises.model import Exercise, config_or_default
from mazur_nn.exercises.progress import MAX_ANSWER_LENGTH, ProgressStore
from mazur_nn.exercises.quiz import check_seed, network_rows, quiz_config, quiz_exercises
from mazur_nn.exercises.slips.feedback import Feedback
from mazur_nn.exercises.variant import (
    lesson_config,
    network_progress_key,
    practice_seed,
    progress_key,
)
from mazur_nn.widgets.aria import Aria
from mazur_nn.widgets.parts import problem_html, text_form
from mazur_nn.widgets.stepper import Stepper

SEED_KEY = "quiz-seed"  # the progress file keeps the quiz's last seed under this name
PRACTICE_KEY = "practice-seed"  # ... and the lesson exercises' practice seed, once answered
# In exam mode, answers the checker cannot take as an answer use no attempt.
NOT_AN_ATTEMPT = ("malformed", "too_few_digits")
EXAM_ATTEMPTS = 2  # answers a quiz question takes in exam mode, unless the teacher says
STUCK = "Stuck? Press Hint: it shows what you need, one step at a time."
RIGHT_COLOUR = "#1b5e20"
WRONG_COLOUR = "#b00020"


def _html(*classes: str) -> w.HTML:
    """An empty HTML view with the CSS ``classes`` (the browser tests find it by them)."""
    view = w.HTML()
    for name in classes:
        view.add_class(name)
    return view


def _feedback_html(feedback, text: str) -> str:
    """The checker's feedback, coloured; for a formula it cannot read, the
    formula (at most 60 characters around the problem, escaped as
    :func:`~mazur_nn.core.validate.echo` does) with a caret under it."""
    colour = RIGHT_COLOUR if feedback.correct else WRONG_COLOUR
    style = f"color:{colour};overflow-wrap:anywhere"  # a long formula wraps
    shown = f"<div style='{style}'>{html.escape(str(feedback))}</div>"
    position = feedback.details.get("position") if feedback.details else None
    if feedback.mistake == "malformed" and position:
        line, caret = _caret_view(text, position)
        shown += f"<pre style='margin:2px 0;overflow-x:auto'>{html.escape(line)}\n{caret}</pre>"
    return shown


def _caret_view(text: str, position: int) -> tuple[str, str]:
    """At most :data:`ECHO_LIMIT` characters of ``text`` around ``position``
    (1-based), escaped, and a caret line pointing at it.

    >>> _caret_view("out_o1 + foo", 10)
    ('out_o1 + foo', '         ^')
    >>> line, caret = _caret_view("x" * 200 + "?", 201)
    >>> len(line) <= ECHO_LIMIT + 6, line.index("?") == caret.index("^")
    (True, True)
    """
    start = max(0, min(position - 1 - ECHO_LIMIT // 2, len(text) - ECHO_LIMIT))
    before = "..." if start else ""
    after = "..." if start + ECHO_LIMIT < len(text) else ""
    line = before + echo(text[start : start + ECHO_LIMIT]) + after
    return line, " " * (len(before) + len(echo(text[start : position - 1]))) + "^"


def _checked(exercise, text: str, config) -> Feedback:
    """The checker's verdict on ``text``; if the checker fails (a bug), a
    verdict that says so in a sentence, never a traceback."""
    try:
        return check(exercise, text, config)
    except Exception as exc:  # noqa: BLE001 - the student sees a sentence, the answer is kept
        return Feedback(
            False,
            f"Sorry: the checker failed on this answer ({type(exc).__name__}). Your answer "
            "is saved; try writing it another way, or tell your teacher.",
            "internal_error",
        )


class ExerciseWidget(w.VBox):
    """One exercise: prompt, answer box, Check, Hint, feedback and progress.

    ``config`` is the network the answers are checked against (Mazur's
    example by default); ``store`` keeps the progress (a
    :class:`ProgressStore` on its default file if not given); ``hints=False``
    hides the Hint button (the quiz). ``number`` (its place in a panel or a
    quiz) names its buttons and box for a screen reader: "Check answer 2".

    ``attempts`` (exam mode) is how many answers the exercise takes: its
    feedback then only says right or not right, with the attempts left; an
    answer that is not a number, or has too few digits, says so and uses
    none; when all are used, the box and the Check button are disabled and a
    message says why (counted from the progress file, so a restart gives
    none back).

    ``key`` is the name its answers are kept under in the progress file
    (the exercise's id unless given: a lesson exercise on a student's own
    numbers names its seed, :func:`~mazur_nn.exercises.variant.progress_key`).
    """

    def __init__(
        self,
        exercise: Exercise,
        config=None,
        store: ProgressStore | None = None,
        hints: bool = True,
        on_change=None,
        label: str | None = None,
        show_rule: bool = True,
        number: int | None = None,
        attempts: int | None = None,
        key: str | None = None,
    ) -> None:
        if not isinstance(exercise, Exercise):
            raise wrong_kind("exercise", "an Exercise", type(exercise).__name__)
        self.exercise = exercise
        self.key = exercise.id if key is None else key  # where the progress file keeps it
        self.config = config_or_default(config)
        self.store = store if store is not None else ProgressStore()
        self.on_change = on_change
        self.hints_allowed = hints
        self.attempts = _attempts(attempts)
        self.feedback = None
        self._checked = None  # the text whose feedback is shown
        self.hint_level = 0
        example = "a number" if exercise.kind == "number" else "a formula in the network's names"
        label = label or f"Exercise {exercise.id}"
        self.heading = w.HTML(f"<b>{html.escape(label)}</b> · {exercise.kind}")
        if show_rule or exercise.kind != "number":
            rule = f"<br><small>{html.escape(exercise.rule, quote=False)}</small>"
        else:
            rule = f" <small>(at least {exercise.digits} significant digits)</small>"
        self.prompt = w.HTMLMath(html.escape(exercise.question_latex, quote=False) + rule)
        self.prompt.add_class("mazur-exercise-prompt")
        which = f" {number}" if number is not None else ""
        self.answer = w.Text(
            placeholder=example,
            description=f"Answer{which}",
            style={"description_width": "auto"},
            layout=w.Layout(width="min(620px, 100%)"),
        )
        self.answer.add_class("mazur-answer")
        with warnings.catch_warnings():  # Enter to check: the one event that means "submit"
            warnings.simplefilter("ignore", DeprecationWarning)
            self.answer.on_submit(lambda _: self.check())
        self.check_button = w.Button(description=f"Check answer{which}", button_style="primary")
        self.check_button.add_class("mazur-check-answer")
        self.check_button.on_click(lambda _: self.check())
        self.hint_button = w.Button(description="Hint 1 of 3", layout=w.Layout(width="auto"))
        self.hint_button.add_class("mazur-hint-button")
        self.hint_button.on_click(lambda _: self.hint())
        self.hint_button.layout.display = None if hints else "none"
        # Feedback, status and messages are read to screen readers; the Hint
        # button says which answer it helps with.
        self.which = which
        self.aria = Aria(scope="mazur-exercise")
        self._name_hint_button()
        self.feedback_html = _html("mazur-feedback")
        self.hint_html = _html("mazur-hints")
        self.status = _html("mazur-exercise-status")
        self.message = _html("mazur-message")
        super().__init__(
            [
                self.heading,
                self.prompt,
                w.HBox([self.answer, self.check_button, self.hint_button]),
                self.feedback_html,
                self.hint_html,
                self.status,
                self.message,
                self.aria,
            ]
        )
        self.add_class("mazur-exercise")
        self.add_class(f"mazur-exercise-{exercise.id}")  # ids are letters, digits, - and _
        self._restore()

    # -- what the student does ---------------------------------------------------

    def __repr__(self) -> str:
        title = self.exercise.title
        title = title if len(title) <= 50 else title[:49] + "…"
        return text_form(f"Exercise: {title}: run this cell to answer it")

    def type(self, text: str) -> None:
        """Type ``text`` into the answer box, as a student would (for tests)."""
        self.answer.value = text

    def check(self) -> None:
        """Check the answer in the box, keep the attempt, show the feedback.

        The attempt is kept whatever the verdict, also if the checker fails
        on it (the feedback then says so); the text stays in the box."""
        text = self.answer.value
        if not text.strip():
            self.feedback_html.value = problem_html("Type an answer first, then Check.")
            return
        if self.feedback is not None and text == self._checked:
            return  # the same answer checked again (a double click): nothing new
        if self.attempts_left == 0:
            self._show_limit()
            return
        self._checked = text
        self.feedback = _checked(self.exercise, text, self.config)
        if self.attempts is not None and self.feedback.mistake in NOT_AN_ATTEMPT:
            self._show_feedback(text)  # not an answer yet: no attempt used
            return
        kept, correct = text[:MAX_ANSWER_LENGTH], self.feedback.correct
        self._keep(lambda: self.store.record(self.key, kept, correct, self.hint_level))
        self._show_feedback(text)
        self._show_status()
        self._show_limit()

    def hint(self) -> None:
        """Show the next rung of the hint ladder (all three stay visible)."""
        if self.hint_level >= HINT_LEVELS[-1]:
            return
        self.hint_level += 1
        self._show_hints()
        self._keep(lambda: self.store.record_hint(self.key, self.hint_level))
        self._show_status()

    # -- what it shows ------------------------------------------------------------

    @property
    def feedback_text(self) -> str:
        """The feedback shown, as text ('' before any check)."""
        return str(self.feedback) if self.feedback else ""

    @property
    def solved(self) -> bool:
        """Whether any answer kept for this exercise was right."""
        return any(a.correct for a in self.store.answers(self.key))

    @property
    def attempts_left(self) -> int | None:
        """Answers this exercise still takes in exam mode (``None``: no limit)."""
        if self.attempts is None:
            return None
        return max(0, self.attempts - len(self.store.answers(self.key)))

    @property
    def right_now(self) -> bool:
        """Whether the last answer checked is right (what a quiz scores)."""
        latest = self.store.latest(self.key)
        return latest is not None and latest.correct

    def _show_feedback(self, text: str) -> None:
        """The feedback on ``text``; when it names no slip, a pointer to the
        next hint (if this exercise has hints left)."""
        shown = _feedback_html(self._shown_feedback(), text)
        if self.feedback.unnamed and self.hints_allowed and self.hint_level < HINT_LEVELS[-1]:
            shown += f"<small>{STUCK}</small>"
        self.feedback_html.value = shown

    def _shown_feedback(self) -> Feedback:
        """The checker's feedback; in exam mode, only right or not right
        (and the attempts left), unless the answer used no attempt."""
        feedback = self.feedback
        if self.attempts is None or feedback.mistake in NOT_AN_ATTEMPT:
            return feedback
        left = self.attempts_left
        more = f" {left} attempt{'s' if left != 1 else ''} left." if left else ""
        return Feedback(feedback.correct, "Right." if feedback.correct else f"Not right.{more}")

    def _show_limit(self) -> None:
        """In exam mode, with no attempt left: the box and Check disabled, and why."""
        if self.attempts_left != 0:
            return
        self.answer.disabled = self.check_button.disabled = True
        used = f"{self.attempts} attempt{'s' if self.attempts != 1 else ''}"
        self.message.value = problem_html(
            f"No attempts left: this question takes {used} (exam mode), all used. "
            "Your answers are saved."
        )

    def _keep(self, record) -> None:
        """Write to the progress file with ``record()``; a failure shows in
        the widget and the attempt stays in memory (written with the next one)."""
        try:
            record()
        except OSError:
            pass  # the store's warning says what happened; the attempt is in memory
        except (TypeError, ValueError) as exc:  # not something the file can keep
            self.message.value = problem_html(exc)
            return
        self.message.value = problem_html(self.store.warning) if self.store.warning else ""
        if self.on_change:
            self.on_change(self)

    def _show_hints(self) -> None:
        rungs = ("What you need", "The pieces", "Worked solution")
        blocks = [
            f"<div><i>Hint {level} · {rungs[level - 1]}</i>"
            f"<pre style='margin:2px 0;white-space:pre-wrap'>"
            f"{html.escape(hints(self.exercise, self.config, level))}</pre></div>"
            for level in range(1, self.hint_level + 1)
        ]
        self.hint_html.value = "".join(blocks)
        last = self.hint_level >= HINT_LEVELS[-1]
        self.hint_button.description = (
            "All hints shown" if last else f"Hint {self.hint_level + 1} of {HINT_LEVELS[-1]}"
        )
        self.hint_button.disabled = last
        self._name_hint_button()

    def _name_hint_button(self) -> None:
        name = f"{self.hint_button.description} for answer{self.which}"
        self.aria.labels = {".mazur-hint-button": name}

    def _show_status(self) -> None:
        answers = self.store.answers(self.key)
        if not answers:
            self.status.value = ""
            return
        count = f"{len(answers)} answer{'s' if len(answers) != 1 else ''} checked"
        done = ""
        if answers[-1].correct:
            done = " · <b>solved ✓</b>"
        elif any(a.correct for a in answers):
            done = " · solved earlier ✓ (your last answer is not right)"
        hints_seen = f" · hints seen: {self.hint_level}" if self.hint_level else ""
        self.status.value = f"<small>{count}{done}{hints_seen} (saved)</small>"

    def _restore(self) -> None:
        """Bring back the last answer, its feedback and the hints seen."""
        self.hint_level = min(self.store.hint_level(self.key), HINT_LEVELS[-1])
        if self.hint_level:
            self._show_hints()
        latest = self.store.latest(self.key)
        if latest is not None:
            self.answer.value = self._checked = latest.answer
            self.feedback = _checked(self.exercise, latest.answer, self.config)
            self._show_feedback(latest.answer)
        self._show_status()
        if self.store.warning:
            self.message.value = problem_html(self.store.warning)
        self._show_limit()


def _attempts(attempts) -> int | None:
    """``attempts`` if it is ``None`` or a whole number from 1 to 100."""
    if attempts is None:
        return None
    if isinstance(attempts, bool) or not isinstance(attempts, int) or not 1 <= attempts <= 100:
        raise wrong_kind("attempts", "None or a whole number from 1 to 100", repr(attempts))
    return attempts


def _score(boxes) -> tuple[int, int]:
    return sum(b.solved for b in boxes), len(boxes)


def numbers_html(config) -> str:
    """The numbers a 2-2-2 network starts from (weights, biases, inputs,
    targets, learning rate), one group a line: what the quiz and the lesson
    exercises on a student's own numbers show (no answers)."""
    values, names = dict(network_rows(config)), config.network.names
    groups = {
        "weights": names.weights,
        "biases": names.biases,
        "inputs": names.neurons[0],
        "targets": names.targets,
        "learning rate": ["eta"],
    }
    return "".join(
        f"<div><span style='display:inline-block;width:8em'>{group}</span><code>"
        + html.escape(", ".join(f"{n} = {values[n]}" for n in names))
        + "</code></div>"
        for group, names in groups.items()
    )


def _own_prompt(exercise: Exercise, seed: int) -> Exercise:
    """``exercise`` asked on the student's own numbers (seed ``seed``)."""
    said = f"for your network (seed {seed}: the numbers above, not the stepper's)"
    return replace(
        exercise,
        prompt=exercise.prompt.replace("for this network", said),
        prompt_latex=exercise.prompt_latex.replace("for this network", said),
    )


class ExercisePanel(w.VBox):
    """The exercises of lesson ``"01"`` to ``"04"``, one under the other,
    with the number solved so far and where the progress is kept.

    Without a ``config``, the exercises are on the student's own numbers:
    Mazur's network with weights, biases, inputs and targets drawn from the
    student's seed (:func:`~mazur_nn.exercises.variant.variant_config`), so
    the answers cannot be read off the lesson's stepper. The seed is
    ``seed`` if given, else the one in the progress file (the seed the
    teacher handed out, typed once into the panel's id and seed row or the
    quiz's), else a practice seed (:func:`~mazur_nn.exercises.variant.practice_seed`,
    which the panel says). Answers are kept under a key that names the seed,
    so answers given on Mazur's numbers or another seed are never checked
    against these (the panel says when earlier answers on Mazur's numbers are
    in the file). With a ``config`` (Mazur's example, for a teacher), the
    exercises are on it and kept under their ids, as before.

    Once an exercise is solved, its **Show me the worked steps** button
    opens a stepper under the panel on the same numbers, at that step.
    """

    def __init__(
        self,
        lesson_id: str,
        config=None,
        store: ProgressStore | None = None,
        seed: int | None = None,
    ) -> None:
        self.store = store if store is not None else ProgressStore()
        self.own = config is None
        self.fixed_config = None if config is None else config_or_default(config)
        self.followed = False  # set_config: the network of a builder, kept by its own key
        self.lesson_id = lesson_id
        exercises_for(lesson_id)  # an unknown lesson is refused before anything is shown
        self.chosen_seed = None if seed is None else check_seed(seed)
        self.seed: int | None = None
        self.practice = False
        self.score = _html("mazur-score")
        self.numbers = _html("mazur-variant-numbers")
        self.note = _html("mazur-message", "mazur-panel-note")
        self.questions = w.VBox()
        self.worked = w.VBox()
        self.worked.add_class("mazur-worked")
        self.stepper = None
        self.boxes: list[ExerciseWidget] = []
        self.worked_buttons: list[w.Button] = []
        where = html.escape(self.store.path.name)
        intro = w.HTML(
            f"<h3>Exercises for lesson {html.escape(lesson_id)}</h3>"
            f"<small>Your answers are saved in <code>{where}</code> next to the notebook.</small>"
        )
        children = [intro, self.note, self.score, self.questions, self.worked]
        if self.own:
            children[1:1] = [self._student_row(), self.numbers]
        super().__init__([*children, Aria(scope="mazur-exercise-panel")])
        self.add_class("mazur-exercise-panel")
        self._build()

    def __repr__(self) -> str:
        return text_form(
            f"Exercises for lesson {self.lesson_id}, {len(self.boxes)} questions: "
            "run this cell to answer them"
        )

    # -- whose numbers -----------------------------------------------------------

    def _student_row(self) -> w.Widget:
        """Student id and seed, typed once (both kept in the progress file)."""
        student = self.store.student
        self.id_box = w.Text(
            value=student.id or "",
            description="Student id",
            placeholder="the id your teacher gave you",
            style={"description_width": "auto"},
            layout=w.Layout(width="300px"),
        )
        self.id_box.add_class("mazur-student-id")
        self.seed_box = w.Text(
            value="" if student.seed is None else str(student.seed),
            description="Seed",
            placeholder="the seed your teacher gave you",
            style={"description_width": "auto"},
            layout=w.Layout(width="300px"),
        )
        self.seed_box.add_class("mazur-student-seed")
        self.save_button = w.Button(description="Save id and seed", layout=w.Layout(width="auto"))
        self.save_button.add_class("mazur-save-id")
        self.save_button.on_click(
            lambda _: self.set_student(self.id_box.value, self.seed_box.value)
        )
        with warnings.catch_warnings():  # Enter in either box saves both
            warnings.simplefilter("ignore", DeprecationWarning)
            for box in (self.id_box, self.seed_box):
                box.on_submit(lambda _: self.set_student(self.id_box.value, self.seed_box.value))
        self.student_status = _html("mazur-student-status")
        row = w.HBox(
            [self.id_box, self.seed_box, self.save_button], layout=w.Layout(flex_flow="row wrap")
        )
        return w.VBox([row, self.student_status])

    def set_student(self, student_id: str = "", seed="") -> None:
        """Keep the student's id and the seed the teacher gave (either may be
        left empty: it stays as it was) and put the exercises on that seed's
        numbers."""
        student_id, seed = str(student_id or "").strip(), str(seed or "").strip()
        try:
            checked = check_seed(seed) if seed else None
            if student_id or checked is not None:
                self.store.set_student(student_id or None, checked)
        except ValueError as exc:
            self.student_status.value = problem_html(exc)
            return
        except OSError:
            self.student_status.value = problem_html(self.store.warning)
            return
        self._build()

    def _choose_seed(self) -> None:
        """The seed to work on: given, in the file, or a practice seed."""
        stored = self.store.student.seed
        if self.chosen_seed is not None or stored is not None:
            self.seed = self.chosen_seed if self.chosen_seed is not None else stored
            self.practice = False
            return
        remembered = self.store.recall(PRACTICE_KEY)
        try:
            self.seed = check_seed(remembered) if remembered else practice_seed(self.store.path)
        except ValueError:
            self.seed = practice_seed(self.store.path)
        self.practice = True

    @property
    def config(self):
        """The network the exercises are on."""
        return self.fixed_config if not self.own else lesson_config(self.lesson_id, self.seed)

    def key(self, exercise: Exercise) -> str:
        """Where the answers to ``exercise`` are kept in the progress file."""
        if self.followed:
            return network_progress_key(exercise.id, self.config)
        return progress_key(exercise.id, self.seed) if self.own else exercise.id

    def set_config(self, config) -> None:
        """Ask the exercises on ``config``'s network from now on (the network a
        :class:`~mazur_nn.widgets.Builder` shows: :func:`follow`). Answers
        are kept under a key naming that network, so they come back with it.
        A network the exercises cannot be asked on (no hidden layer) is said
        in one line, and the questions wait for one they can."""
        if self.own:
            raise ValueError(
                "config: this panel is on the student's own numbers; make it with a "
                "config (ExercisePanel(lesson_id, config)) to follow another network"
            )
        config = config_or_default(config)
        if self.followed and config == self.fixed_config:
            return  # the same network and numbers: the questions and the typed answers stay
        self.fixed_config = config
        self.followed = True
        self._build()

    # -- building and showing ----------------------------------------------------

    def _build(self) -> None:
        if self.own:
            self._choose_seed()
        config = self.config
        try:
            exercises = exercises_for(self.lesson_id, config)
        except (TypeError, ValueError) as exc:
            if not self.followed:
                raise
            self.exercises, self.boxes, self.worked_buttons = (), [], []
            self.questions.children = self.worked.children = ()
            self.stepper = None
            self.note.value = problem_html(exc)
            self._show_score()
            return
        if self.followed:
            shape = "-".join(map(str, config.network.sizes))
            self.note.value = (
                f"<small>On the network above ({html.escape(shape)}, the numbers its "
                "stepper shows); they change when it does.</small>"
            )
        if self.own:
            exercises = tuple(_own_prompt(e, self.seed) for e in exercises)
        self.exercises = exercises
        self.boxes, self.worked_buttons, rows = [], [], []
        for k, e in enumerate(exercises, start=1):
            box = ExerciseWidget(
                e,
                config,
                self.store,
                on_change=self._show_score,
                label=f"Exercise {k} of {len(exercises)} · {e.title}",
                number=k,
                key=self.key(e),
            )
            button = w.Button(
                description="Show me the worked steps",
                tooltip=f"the worked steps of exercise {k}, on the same numbers",
                layout=w.Layout(width="auto"),
            )
            button.add_class("mazur-worked-steps")
            button.on_click(lambda _, k=k: self.show_worked_steps(k))
            self.boxes.append(box)
            self.worked_buttons.append(button)
            rows += [box, button]
        self.questions.children = rows
        self.worked.children = ()
        self.stepper = None
        if self.own:
            self._show_whose()
        self._show_score()

    def _show_whose(self) -> None:
        student = self.store.student
        self.id_box.value = student.id or ""
        who = (
            f"Saved for student <b>{html.escape(echo(student.id))}</b>. "
            if student.id
            else "Type the id and the seed your teacher gave you and press Enter, once. "
        )
        if self.practice:
            whose = (
                f"<b>Practice numbers, seed {self.seed}</b> (no seed of yours is saved; these "
                "answers do not count for a class)"
            )
        else:
            self.seed_box.value = str(self.seed)
            whose = f"<b>Your numbers, seed {self.seed}</b>"
        self.student_status.value = f"<small>{who}</small>"
        kind = (
            "sigmoid hidden layer, softmax output, cross-entropy"
            if self.config.network.loss == "cross_entropy"
            else "sigmoid, half squared error"
        )
        self.numbers.value = (
            f"{whose}: Mazur's 2-2-2 network ({kind}, one bias per "
            f"layer), with numbers of your own, not the ones the lesson worked:"
            f"{numbers_html(self.config)}<small>The exercises ask for the lesson's steps on "
            "these numbers. Once you solve one, <i>Show me the worked steps</i> opens a "
            "stepper on them.</small>"
        )
        earlier = [e for e in self.exercises if self.store.answers(e.id)]
        self.note.value = (
            "<small>Your earlier answers to these exercises were on Mazur's numbers (the "
            "stepper's); they stay in your progress file but are not checked here: answer "
            "again on your own numbers.</small>"
            if earlier
            else ""
        )

    def _show_score(self, box=None) -> None:
        if box is not None and self.own and self.practice:
            if self.store.recall(PRACTICE_KEY) != str(self.seed):
                try:  # keep the practice numbers if the folder moves
                    self.store.remember(PRACTICE_KEY, str(self.seed))
                except OSError:
                    pass
        solved, total = _score(self.boxes)
        self.score.value = f"<b>Solved {solved} of {total}</b>"
        for box_, button in zip(self.boxes, self.worked_buttons):
            button.layout.display = None if box_.solved else "none"

    def show_worked_steps(self, number: int) -> bool:
        """Open the stepper under the panel at exercise ``number``'s step (1
        for the first), on the exercises' numbers; only once it is solved
        (``False``, and nothing shown, before)."""
        box = self.boxes[number - 1]
        if not box.solved:
            return False
        step = box.exercise.step
        if self.stepper is None:
            self.stepper = Stepper(self.config, start=step)
        else:
            self.stepper.go_to(step)
        whose = f"your numbers, seed {self.seed}" if self.own else "these numbers"
        heading = w.HTML(
            f"<h4>Worked steps on {whose}: exercise {number}, "
            f"{html.escape(box.exercise.title)}</h4>"
        )
        self.worked.children = (heading, self.stepper)
        return True


class QuizWidget(w.VBox):
    """The final quiz: a student id box, a seed box, the network's numbers for
    that seed and one number exercise per question, with the score. Hints
    are off (the lessons' exercises have them); a teacher prints papers and
    keys with ``mazur-nn paper`` and ``mazur-nn key``.

    The id and the seed the student works on are kept in the progress file
    (:meth:`ProgressStore.set_student`), which the teacher collects and
    grades (``mazur-nn grade``). ``exam=True`` limits each question to
    ``attempts`` answers (default 2), with feedback that only says right or
    not right."""

    def __init__(
        self,
        seed: int = 2026,
        store: ProgressStore | None = None,
        exam: bool = False,
        attempts: int | None = None,
    ) -> None:
        self.store = store if store is not None else ProgressStore()
        if not isinstance(exam, bool):
            raise wrong_kind("exam", "True or False", repr(exam))
        self.attempts = _attempts(EXAM_ATTEMPTS if exam and attempts is None else attempts)
        self.exam = exam or attempts is not None
        self.id_box = w.Text(
            value=self.store.student.id or "",
            description="Student id",
            placeholder="the id your teacher gave you",
            style={"description_width": "auto"},
            layout=w.Layout(width="320px"),
        )
        self.id_box.add_class("mazur-student-id")
        self.id_button = w.Button(description="Save id", layout=w.Layout(width="auto"))
        self.id_button.add_class("mazur-save-id")
        self.id_button.on_click(lambda _: self.set_student(self.id_box.value))
        self.id_status = _html("mazur-student-status")
        self.seed_box = w.Text(value=str(seed), description="seed", layout=w.Layout(width="220px"))
        self.seed_box.add_class("mazur-seed")
        self.new_button = w.Button(description="New quiz", layout=w.Layout(width="auto"))
        self.new_button.on_click(lambda _: self.set_seed(self.seed_box.value, remember=True))
        with warnings.catch_warnings():  # Enter in the seed box starts that quiz too
            warnings.simplefilter("ignore", DeprecationWarning)
            self.seed_box.on_submit(lambda _: self.set_seed(self.seed_box.value, remember=True))
            self.id_box.on_submit(lambda _: self.set_student(self.id_box.value))
        self.resume = w.HBox()
        self.message = _html("mazur-message", "mazur-quiz-message")
        self.numbers = w.HTML()
        self.score = _html("mazur-score")
        self.questions = w.VBox()
        self.boxes: list[ExerciseWidget] = []
        super().__init__(
            [
                Aria(scope="mazur-quiz"),
                w.HBox([self.id_box, self.id_button, self.id_status]),
                w.HBox([self.seed_box, self.new_button]),
                self.resume,
                self.message,
                self.numbers,
                self.score,
                self.questions,
            ]
        )
        self.add_class("mazur-quiz")
        self.seed = None
        self.set_seed(seed)
        self._offer_resume()
        self._show_student()

    def __repr__(self) -> str:
        seed = "" if self.seed is None else f" for seed {self.seed}"
        return text_form(f"Final quiz{seed}, one whole round: run this cell to answer it")

    def set_student(self, student_id: str) -> None:
        """Keep ``student_id`` in the progress file: the teacher's grader
        finds the student's row, and seed, by it."""
        try:
            self.store.set_student(student_id)
        except ValueError as exc:
            self.id_status.value = problem_html(exc)
            return
        except OSError:
            self.id_status.value = problem_html(self.store.warning)
            return
        self.id_box.value = self.store.student.id or ""
        self._show_student()

    def _show_student(self) -> None:
        student_id = self.store.student.id
        if student_id:
            self.id_status.value = (
                f"<small>Your answers are saved for student <b>{html.escape(echo(student_id))}"
                "</b>.</small>"
            )
        else:
            self.id_status.value = (
                "<small>Type the id your teacher gave you and press Enter, once.</small>"
            )

    def _offer_resume(self) -> None:
        """If the student last worked on another seed (or saved one in a
        lesson's panel and has not worked on a quiz yet), a button to it."""
        last, said = self.store.recall(SEED_KEY), "You last worked on quiz"
        saved = self.store.student.seed
        if last is None and saved is not None:  # typed into a lesson's panel, not a quiz yet
            last, said = str(saved), "Your saved seed is"
        if last is None or last == str(self.seed):
            self.resume.children = ()
            return
        button = w.Button(description=f"Back to quiz {last}", layout=w.Layout(width="auto"))
        button.add_class("mazur-resume")
        button.on_click(lambda _: self.set_seed(last, remember=True))
        note = w.HTML(f"{said} <b>{html.escape(echo(last))}</b>.")
        self.resume.children = (note, button)

    def set_seed(self, seed, remember: bool = False) -> None:
        """Start the quiz for ``seed`` (a whole number, or its text);
        ``remember`` keeps it with the progress (the student chose it)."""
        try:
            seed = check_seed(seed)
        except ValueError as exc:
            self.message.value = problem_html(exc, f"the quiz for seed {self.seed}")
            return
        self.message.value = ""
        self.resume.children = ()
        if remember:
            self._remember(seed)
        self.seed = seed
        self.seed_box.value = str(seed)
        config = quiz_config(seed)
        lines = numbers_html(config)
        exercises = quiz_exercises(seed)
        self.numbers.value = (
            f"<b>Quiz {seed}</b>: Mazur's 2-2-2 network (sigmoid, half squared error, one "
            f"bias per layer) with these numbers:{lines}<small>Give each answer as a decimal "
            "number (0.123 or 1.23e-1) with at least the significant digits asked for; it "
            "counts as right within half a unit of its last digit.</small>"
        )
        self.boxes = [
            ExerciseWidget(
                e,
                config,
                self.store,
                hints=False,
                on_change=self._show_score,
                label=f"Question {n} of {len(exercises)}",
                show_rule=False,
                number=n,
                attempts=self.attempts,
            )
            for n, e in enumerate(exercises, start=1)
        ]
        self.questions.children = self.boxes
        self._show_score()

    def _remember(self, seed: int, student: bool = True) -> None:
        """Keep ``seed`` as the quiz last worked on and, if ``student``, as
        the student's own seed (what the lessons' panels and the grader use)."""
        try:
            self.store.remember(SEED_KEY, str(seed))
            if student:
                self.store.set_student(seed=seed)
        except OSError:
            self.message.value = problem_html(self.store.warning)

    def _show_score(self, box=None) -> None:
        if box is not None:  # an answer checked: this is the quiz being worked on
            if self.store.recall(SEED_KEY) != str(self.seed):
                # Answering the notebook's quiz does not replace a seed the
                # student saved (their teacher's); choosing a quiz does.
                saved = self.store.student.seed
                self._remember(self.seed, student=saved is None)
        right = sum(b.right_now for b in self.boxes)
        self.score.value = f"<b>Quiz {self.seed}: {right} of {len(self.boxes)} right</b>"
