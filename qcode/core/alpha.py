"""Krippendorff's α (Krippendorff, 2011, "Computing Krippendorff's alpha-reliability") and
its bootstrap interval.

α = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck over the coincidence matrix o of the pairable
units (units two or more coders valued), n_c its marginals and δ² the squared difference of the
level of measurement. The interval is a bootstrap over units: as many pairable units as there
are, drawn with replacement, α recomputed per draw, percentile interval. The generator is
seeded, so the same data give the same interval on every run. Units are drawn through their
distinct value patterns (a multinomial draw over the patterns' shares), which is the same
distribution as drawing units one by one.
"""

from __future__ import annotations

import numpy as np


def coincidences(counts: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Krippendorff's coincidence matrix (categories × categories) of the pairable units."""
    raters = counts.sum(axis=1)
    paired = raters >= 2
    counts, weights, raters = counts[paired].astype(float), weights[paired], raters[paired]
    scaled = counts * (weights / (raters - 1))[:, None]
    return scaled.T @ counts - np.diag(scaled.sum(axis=0))


def distances(level: str, numbers: np.ndarray, marginals: np.ndarray) -> np.ndarray:
    """Squared differences δ² between categories at ``level`` (ordinal uses the marginals)."""
    if level == "nominal":
        return 1.0 - np.eye(len(numbers))
    if level == "interval":
        return np.subtract.outer(numbers, numbers) ** 2
    if level == "ratio":
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.subtract.outer(numbers, numbers) / np.add.outer(numbers, numbers)
        return np.nan_to_num(ratio) ** 2
    # ordinal: categories ranked in the order of ``numbers``
    order = np.argsort(numbers, kind="stable")
    ranked = marginals[order]
    cumulative = np.concatenate([[0.0], np.cumsum(ranked)])
    low = np.minimum.outer(np.arange(len(ranked)), np.arange(len(ranked)))
    high = np.maximum.outer(np.arange(len(ranked)), np.arange(len(ranked)))
    between = cumulative[high + 1] - cumulative[low] - np.add.outer(ranked, ranked) / 2
    result = np.empty_like(between)
    result[np.ix_(order, order)] = between**2
    return result


def krippendorff_alpha(
    counts: np.ndarray, weights: np.ndarray, level: str, numbers: np.ndarray
) -> float | None:
    """Krippendorff's α; ``None`` when the expected disagreement is zero (one value used)."""
    observed = coincidences(counts, weights)
    marginals = observed.sum(axis=1)
    total = marginals.sum()
    if total < 2:
        return None
    delta = distances(level, numbers, marginals)
    expected = float(marginals @ delta @ marginals)
    if expected <= 0:
        return None
    return float(1 - (total - 1) * float((observed * delta).sum()) / expected)


def alpha_interval(
    counts: np.ndarray,
    weights: np.ndarray,
    level: str,
    numbers: np.ndarray,
    confidence: float,
    resamples: int,
    seed: int,
) -> tuple[float, float] | None:
    """The bootstrap percentile interval of Krippendorff's α."""
    raters = counts.sum(axis=1)
    paired = raters >= 2
    counts, weights, raters = counts[paired].astype(float), weights[paired], raters[paired]
    total_units = int(weights.sum())
    if resamples < 1 or total_units < 2:
        return None
    q = counts.shape[1]
    # Each pattern's contribution to the coincidence matrix, flattened.
    contribution = (
        np.einsum("pi,pj->pij", counts, counts) - np.einsum("pi,ij->pij", counts, np.eye(q))
    ) / (raters - 1)[:, None, None]
    contribution = contribution.reshape(len(counts), q * q)
    draws = np.random.default_rng(seed).multinomial(
        total_units, weights / total_units, size=resamples
    )
    observed = (draws @ contribution).reshape(resamples, q, q)
    marginals = observed.sum(axis=2)
    totals = marginals.sum(axis=1)
    if level == "ordinal":
        delta = np.stack([distances(level, numbers, m) for m in marginals])
    else:
        delta = np.broadcast_to(distances(level, numbers, marginals[0]), observed.shape)
    disagreement = (observed * delta).sum(axis=(1, 2))
    expected = np.einsum("ri,rij,rj->r", marginals, delta, marginals)
    with np.errstate(divide="ignore", invalid="ignore"):
        alphas = np.where(expected > 0, 1 - (totals - 1) * disagreement / expected, np.nan)
    alphas = alphas[~np.isnan(alphas)]
    if not len(alphas):
        return None
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(alphas, [tail, 100 - tail])
    return (float(low), float(high))
