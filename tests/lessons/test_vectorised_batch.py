"""Lesson 09's matrix form over a config's mini-batch (lesson 15): the
matrices' dW and db are the core's mean gradients."""

import pytest

from mazur_nn import mazur_example
from mazur_nn.core import batch
from mazur_nn.core.batch import MAZUR_BATCH
from mazur_nn.lessons.vectorised import check_batch, compare_with_core, vectorised_pass
from mazur_nn.lessons.vectorised.checks import entry_value
from mazur_nn.lessons.vectorised.names import parameter_entries

EXAMPLES = list(MAZUR_BATCH)
CONFIG = mazur_example().replace(examples=EXAMPLES)


def test_the_matrix_form_of_a_batch_config_is_the_cores_mean():
    record = vectorised_pass(CONFIG)
    assert record.m == 3
    assert record.X.T.tolist() == [e["inputs"] for e in EXAMPLES]
    mean = batch.backward(CONFIG).gradients
    for p, entries in parameter_entries(CONFIG.network).items():
        value = entry_value(record, entries)
        assert value == pytest.approx(mean[p], rel=1e-12, abs=1e-15), p
    assert record.J == pytest.approx(batch.backward(CONFIG).E_total, rel=1e-12)


def test_check_batch_reads_the_configs_examples():
    result = check_batch(CONFIG)
    assert result.m == 3 and result.max_difference < 1e-8


def test_compare_with_core_is_for_one_example():
    with pytest.raises(ValueError, match="^config: a batch of 3 examples; compare_with_core"):
        compare_with_core(CONFIG)
    assert compare_with_core(CONFIG.example(0)).max_difference == 0.0
