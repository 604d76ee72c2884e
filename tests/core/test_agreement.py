"""Agreement measures against published worked examples, typed from the publications."""

from __future__ import annotations

import numpy as np
import pytest

from qcode.core.agreement import cohen_kappa, gwet_coefficient, measures
from qcode.core.agreement_intervals import t_two_sided
from qcode.core.reliability import MISSING, ReliabilityData

M = MISSING

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C: four
# observers, twelve units, values 1–5, missing data. Rows are observers.
KRIPPENDORFF_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, M, M, M],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, M, 3],
    [M, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, M],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, M],
]


def krippendorff_c() -> ReliabilityData:
    values = np.array(KRIPPENDORFF_C).T
    return ReliabilityData.from_matrix(np.where(values == M, M, values - 1), 5)


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_alpha_reproduces_the_published_example(level: str, published: float):
    result = measures(krippendorff_c(), level=level)
    assert round(result.krippendorff_alpha, 3) == published
    assert result.units == 12 and result.pairable == 40
    low, high = result.alpha_ci
    assert low < result.krippendorff_alpha < high


def test_krippendorff_binary_two_observers():
    # Section A of the same paper: two observers, ten units, binary data; α = 0.095.
    first = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    second = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    result = measures(ReliabilityData.from_matrix(np.array([first, second]).T, 2))
    assert round(result.krippendorff_alpha, 3) == 0.095


def test_gwet_handbook_example_with_standard_errors():
    # Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed., on the same four-rater data
    # (as irrCAC reports it): coefficient and standard error.
    data = krippendorff_c()
    counts = data.value_counts()
    published = {
        "percent": (0.8181818, 0.12561),
        "fleiss": (0.76117, 0.15302),
        "ac1": (0.77544, 0.14295),
        "bp": (0.77273, 0.14472),
    }
    for kind, (value, error) in published.items():
        coefficient = gwet_coefficient(counts, data.weights, kind)
        assert coefficient.value == pytest.approx(value, abs=5e-6), kind
        assert coefficient.error == pytest.approx(error, abs=5e-6), kind
    result = measures(data)
    # AC1's interval (0.461, 1) uses t with 11 degrees of freedom, as the handbook does.
    assert round(result.ac1_ci[0], 3) == 0.461 and result.ac1_ci[1] == 1.0
    assert round(result.kappa_ci[0], 3) == 0.424
    assert result.cohen_kappa is None  # four coders


# Fleiss (1971), Table 1: 30 patients, six psychiatrists each, five diagnoses (counts per
# diagnosis: depression, personality disorder, schizophrenia, neurosis, other). κ = .430.
FLEISS_1971 = (
    "00060 03003 01401 00006 03030 20400 00402 20310 20040 00006 10050 11040 03300 10050 02031 "
    "00501 30012 51000 02040 10203 00006 01050 02013 20040 10041 05010 40002 02040 10500 00006"
)


def test_fleiss_1971():
    matrix = []
    for row in FLEISS_1971.split():
        ratings = [category for category, count in enumerate(row) for _ in range(int(count))]
        matrix.append(ratings)
    data = ReliabilityData.from_matrix(matrix, 5)
    assert round(measures(data).fleiss_kappa, 3) == 0.430


def test_cohen_1960():
    # Cohen (1960), Table 1 as proportions of 200 units: p_o = .70, p_c = .41, κ = .492.
    table = [[88, 14, 18], [10, 40, 10], [2, 6, 12]]
    pairs, weights = [], []
    for a, row in enumerate(table):
        for b, count in enumerate(row):
            pairs.append([a, b])
            weights.append(count)
    data = ReliabilityData.from_matrix(pairs, 3, weights)
    kappa = cohen_kappa(data)
    assert round(kappa.value, 3) == 0.492
    assert measures(data).cohen_kappa == kappa.value
    assert measures(data).percent_agreement == pytest.approx(0.70)


def test_one_value_only_gives_null_with_a_reason_not_one():
    data = ReliabilityData.from_matrix([[1, 1], [1, 1], [1, M]], 2)
    result = measures(data)
    assert result.percent_agreement == 1.0
    assert result.krippendorff_alpha is None and result.cohen_kappa is None
    assert result.gwet_ac1 is None and result.fleiss_kappa is None
    assert "only one value" in result.note


def test_fewer_than_two_pairable_values():
    data = ReliabilityData.from_matrix([[1, M], [M, 0]], 2)
    result = measures(data)
    assert result.pairable == 0 and result.units == 2
    assert result.percent_agreement is None and result.krippendorff_alpha is None
    assert result.note == "fewer than two pairable values"


def test_bootstrap_repeats_with_the_seed_and_moves_without_it():
    data = krippendorff_c()
    assert measures(data).alpha_ci == measures(data).alpha_ci
    assert measures(data, seed=7).alpha_ci != measures(data).alpha_ci


def test_weights_are_repeated_units():
    rows = [[0, 0], [0, 1], [1, 1], [1, 0], [1, 1]]
    weights = [5, 2, 7, 1, 3]
    repeated = [row for row, w in zip(rows, weights, strict=True) for _ in range(w)]
    a = measures(ReliabilityData.from_matrix(rows, 2, weights))
    b = measures(ReliabilityData.from_matrix(repeated, 2))
    assert a == b


@pytest.mark.parametrize(
    ("df", "quantile"), [(1, 12.706), (2, 4.303), (5, 2.571), (11, 2.201), (30, 2.042)]
)
def test_t_quantiles(df: int, quantile: float):
    assert round(t_two_sided(0.95, df), 3) == quantile


def test_kappa_of_a_coder_who_never_said_yes_is_noted():
    data = ReliabilityData.from_matrix([[0, 0]] * 20 + [[1, 0]], 2)
    result = measures(data)
    assert result.cohen_kappa == 0.0
    assert "κ is 0 by construction" in result.note
