"""Agreement measures against independent implementations on random reliability data.

The oracles (the ``krippendorff`` package, scikit-learn, statsmodels) are test extras only.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qcode.core.agreement import measures
from qcode.core.reliability import MISSING, ReliabilityData

krippendorff = pytest.importorskip("krippendorff")
metrics = pytest.importorskip("sklearn.metrics")
inter_rater = pytest.importorskip("statsmodels.stats.inter_rater")


@st.composite
def reliability(draw, *, missing: bool, coders: tuple[int, int] = (2, 5)):
    q = draw(st.integers(2, 5))
    m = draw(st.integers(*coders))
    n = draw(st.integers(3, 40))
    low = MISSING if missing else 0
    cells = st.integers(low, q - 1)
    matrix = draw(st.lists(st.lists(cells, min_size=m, max_size=m), min_size=n, max_size=n))
    return np.array(matrix), q


def _with_nan(matrix: np.ndarray) -> np.ndarray:
    values = matrix.astype(float)
    values[matrix == MISSING] = np.nan
    return values.T  # the package takes coders × units


@settings(max_examples=150, deadline=None)
@given(reliability(missing=True), st.sampled_from(["nominal", "ordinal", "interval", "ratio"]))
def test_alpha_matches_the_krippendorff_package(drawn, level):
    matrix, q = drawn
    data = ReliabilityData.from_matrix(matrix, q)
    ours = measures(data, level=level, resamples=0)
    # Categories are 1 … q (ratio needs no zero); the package sees the same values.
    values = np.where(matrix == MISSING, MISSING, matrix + 1)
    try:
        theirs = krippendorff.alpha(
            reliability_data=_with_nan(values),
            level_of_measurement=level,
            value_domain=list(range(1, q + 1)),
        )
    except ValueError:  # the package refuses data with a single value or nothing pairable
        assert ours.krippendorff_alpha is None
        return
    if ours.krippendorff_alpha is None:
        assert np.isnan(theirs) or ours.pairable < 2 or "one value" in ours.note
    else:
        assert ours.krippendorff_alpha == pytest.approx(theirs, abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(reliability(missing=False, coders=(2, 2)))
def test_cohen_matches_scikit_learn(drawn):
    matrix, q = drawn
    ours = measures(ReliabilityData.from_matrix(matrix, q), resamples=0)
    if len(np.unique(matrix)) < 2:
        assert ours.cohen_kappa is None
        return
    theirs = metrics.cohen_kappa_score(matrix[:, 0], matrix[:, 1])
    if np.isnan(theirs):
        assert ours.cohen_kappa is None
    else:
        assert ours.cohen_kappa == pytest.approx(theirs, abs=1e-9)


@settings(max_examples=150, deadline=None)
@given(reliability(missing=False))
def test_fleiss_matches_statsmodels(drawn):
    matrix, q = drawn
    ours = measures(ReliabilityData.from_matrix(matrix, q), resamples=0)
    table, _ = inter_rater.aggregate_raters(matrix, n_cat=q)
    if len(np.unique(matrix)) < 2:
        assert ours.fleiss_kappa is None
        return
    assert ours.fleiss_kappa == pytest.approx(inter_rater.fleiss_kappa(table), abs=1e-9)
    # Brennan–Prediger is statsmodels' "randolph" (uniform chance agreement).
    assert ours.brennan_prediger == pytest.approx(
        inter_rater.fleiss_kappa(table, method="randolph"), abs=1e-9
    )
