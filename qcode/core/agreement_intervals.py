"""Confidence intervals for agreement coefficients.

- κ and AC1: the estimate ± t(n−1) × Gwet's standard error, as Gwet's handbook and irrCAC
  report them, clipped to [−1, 1].
- α: a seeded bootstrap over units (see ``qcode.core.alpha``).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qcode.core.agreement import Coefficient

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 20110101  # any fixed number: what matters is that runs repeat


def t_two_sided(confidence: float, df: int) -> float:
    """The t quantile with ``df`` degrees of freedom leaving ``confidence`` in the middle."""
    if df <= 0:
        return math.inf
    if df > 2000:
        from statistics import NormalDist

        return NormalDist().inv_cdf(0.5 + confidence / 2)
    low, high = 0.0, 1.0
    while _central(high, df) < confidence:
        high *= 2
    for _ in range(80):
        middle = (low + high) / 2
        low, high = (middle, high) if _central(middle, df) < confidence else (low, middle)
    return (low + high) / 2


def _central(t: float, df: int) -> float:
    """P(|T| < t) for Student's t with integer ``df`` (Abramowitz & Stegun 26.7.3–4)."""
    theta = math.atan(t / math.sqrt(df))
    cos2 = math.cos(theta) ** 2
    if df % 2 == 0:
        term, total = 1.0, 1.0
        for k in range(1, df // 2):
            term *= cos2 * (2 * k - 1) / (2 * k)
            total += term
        return math.sin(theta) * total
    if df == 1:
        return 2 * theta / math.pi
    term, total = math.cos(theta), math.cos(theta)
    for k in range(1, (df - 1) // 2):
        term *= cos2 * (2 * k) / (2 * k + 1)
        total += term
    return 2 / math.pi * (theta + math.sin(theta) * total)


def symmetric_interval(coefficient: Coefficient, confidence: float) -> tuple[float, float] | None:
    """The estimate ± t(n − 1) standard errors, within [−1, 1]."""
    if coefficient.error is None or coefficient.units < 2:
        return None
    half = t_two_sided(confidence, coefficient.units - 1) * coefficient.error
    return (max(-1.0, coefficient.value - half), min(1.0, coefficient.value + half))
