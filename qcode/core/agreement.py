"""Inter-coder agreement measures over reliability data (see ``qcode.core.reliability``).

- Percent agreement, Fleiss' κ, Brennan–Prediger and Gwet's AC1 follow Gwet's general
  framework (Handbook of Inter-Rater Reliability, 4th ed., 2014): agreement is averaged over the
  units two or more coders valued, category shares over every valued unit, so missing values are
  allowed. Their standard errors are Gwet's linearised variance estimates (infinite population).
- Cohen's κ (Cohen, 1960) is defined for exactly two coders, over the units both valued.
- Krippendorff's α (Krippendorff, 2011, "Computing Krippendorff's alpha-reliability") at the
  nominal, ordinal, interval or ratio level, from the coincidence matrix.

Only α depends on the level of measurement; the κ family and AC1 are the unweighted
(nominal) coefficients. Where a measure is undefined — no unit valued by two coders, or a
single category used throughout — it is ``None`` and the row's note says why: a chance-corrected
coefficient on data without variation is 0/0, not 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qcode.core.agreement_intervals import (
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    symmetric_interval,
)
from qcode.core.alpha import alpha_interval, krippendorff_alpha
from qcode.core.reliability import MISSING, ReliabilityData

LEVELS = ("nominal", "ordinal", "interval", "ratio")


@dataclass(frozen=True, slots=True)
class Coefficient:
    value: float
    error: float | None  # standard error, where the literature gives one
    units: int  # the units it was computed over


@dataclass(frozen=True, slots=True)
class Measures:
    """Every measure of one variable; ``None`` where undefined (``note`` says why)."""

    units: int
    pairable: int
    percent_agreement: float | None = None
    cohen_kappa: float | None = None
    fleiss_kappa: float | None = None
    brennan_prediger: float | None = None
    gwet_ac1: float | None = None
    krippendorff_alpha: float | None = None
    alpha_ci: tuple[float, float] | None = None
    kappa_ci: tuple[float, float] | None = None  # Cohen's κ for two coders, else Fleiss' κ
    ac1_ci: tuple[float, float] | None = None
    note: str = ""


def measures(
    data: ReliabilityData,
    *,
    level: str = "nominal",
    values: np.ndarray | None = None,
    confidence: float = 0.95,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> Measures:
    """All measures of ``data``; ``values`` are the categories' numbers (default 1 … q)."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}")
    units, pairable = data.units(), data.pairable()
    if pairable < 2:
        return Measures(units, pairable, note="fewer than two pairable values")
    counts = data.value_counts()
    numbers = np.arange(1, data.categories + 1, dtype=float) if values is None else values
    agreement = gwet_coefficient(counts, data.weights, "percent")
    used = np.nonzero(counts[counts.sum(axis=1) >= 2].sum(axis=0))[0]
    if len(used) < 2:
        return Measures(
            units,
            pairable,
            percent_agreement=agreement.value,
            note="only one value was used, so chance-corrected agreement is undefined",
        )
    fleiss = gwet_coefficient(counts, data.weights, "fleiss")
    ac1 = gwet_coefficient(counts, data.weights, "ac1")
    bp = gwet_coefficient(counts, data.weights, "bp")
    cohen = cohen_kappa(data) if data.coders == 2 else None
    kappa = cohen if data.coders == 2 else fleiss
    alpha = krippendorff_alpha(counts, data.weights, level, numbers)
    notes = []
    if data.coders == 2 and cohen is None:
        notes.append("Cohen's κ needs units both coders valued, with two values among them")
    elif data.coders == 2 and _one_sided(data):
        notes.append("one coder used a single value where both coded: κ is 0 by construction")
    return Measures(
        units,
        pairable,
        percent_agreement=agreement.value,
        cohen_kappa=None if cohen is None else cohen.value,
        fleiss_kappa=fleiss.value if fleiss else None,
        brennan_prediger=bp.value if bp else None,
        gwet_ac1=ac1.value if ac1 else None,
        krippendorff_alpha=alpha,
        alpha_ci=(
            None
            if alpha is None
            else alpha_interval(counts, data.weights, level, numbers, confidence, resamples, seed)
        ),
        kappa_ci=None if kappa is None else symmetric_interval(kappa, confidence),
        ac1_ci=None if ac1 is None else symmetric_interval(ac1, confidence),
        note="; ".join(notes),
    )


def _one_sided(data: ReliabilityData) -> bool:
    """Whether either of two coders gave one value only over the units both valued."""
    both = (data.rows != MISSING).all(axis=1) & (data.weights > 0)
    return any(len(np.unique(data.rows[both, column])) == 1 for column in range(2))


def gwet_coefficient(counts: np.ndarray, weights: np.ndarray, kind: str) -> Coefficient | None:
    """Percent agreement (``percent``), Fleiss' κ, Brennan–Prediger (``bp``) or AC1 (``ac1``)
    with Gwet's variance, over patterns × categories ``counts`` weighted by ``weights``."""
    q = counts.shape[1]
    raters = counts.sum(axis=1)
    valued = raters >= 1
    counts, weights, raters = counts[valued], weights[valued], raters[valued]
    n = float(weights.sum())
    paired = raters >= 2
    n2 = float(weights[paired].sum())
    if n2 == 0:
        return None
    with np.errstate(divide="ignore", invalid="ignore"):
        unit_agreement = np.where(
            paired,
            (counts * (counts - 1)).sum(axis=1) / (raters * (raters - 1)),
            0.0,
        )
    shares = counts / raters[:, None]
    pi = (weights[:, None] * shares).sum(axis=0) / n
    agreement = float((weights * unit_agreement).sum() / n2)
    if kind == "percent":
        chance, unit_chance = 0.0, None
    elif kind == "fleiss":
        chance = float((pi**2).sum())
        unit_chance = shares @ pi
    elif kind == "ac1":
        chance = float((pi * (1 - pi)).sum() / (q - 1))
        unit_chance = shares @ (1 - pi) / (q - 1)
    elif kind == "bp":
        chance, unit_chance = 1.0 / q, None
    else:
        raise ValueError(f"unknown coefficient {kind!r}")
    if chance >= 1.0:
        return None
    value = (agreement - chance) / (1 - chance)
    per_unit = (n / n2) * (unit_agreement - chance * paired) / (1 - chance)
    if unit_chance is not None:
        per_unit = per_unit - 2 * (1 - value) * (unit_chance - chance) / (1 - chance)
    error = None
    if n > 1:
        error = float(np.sqrt((weights * (per_unit - value) ** 2).sum() / (n * (n - 1))))
    return Coefficient(float(value), error, int(n))


def cohen_kappa(data: ReliabilityData) -> Coefficient | None:
    """Cohen's κ of two coders over the units both valued, with Gwet's variance."""
    if data.coders != 2:
        return None
    both = (data.rows != MISSING).all(axis=1)
    rows, weights = data.rows[both], data.weights[both].astype(float)
    n = float(weights.sum())
    if n == 0:
        return None
    q = data.categories
    table = np.zeros((q, q))
    np.add.at(table, (rows[:, 0], rows[:, 1]), weights)
    first, second = table.sum(axis=1) / n, table.sum(axis=0) / n
    agreement = float(np.trace(table) / n)
    chance = float(first @ second)
    if chance >= 1.0:
        return None
    value = (agreement - chance) / (1 - chance)
    agree = (rows[:, 0] == rows[:, 1]).astype(float)
    unit_chance = (second[rows[:, 0]] + first[rows[:, 1]]) / 2
    per_unit = (agree - chance) / (1 - chance) - 2 * (1 - value) * (unit_chance - chance) / (
        1 - chance
    )
    error = None
    if n > 1:
        error = float(np.sqrt((weights * (per_unit - value) ** 2).sum() / (n * (n - 1))))
    return Coefficient(float(value), error, int(n))
