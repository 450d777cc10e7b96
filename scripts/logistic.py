"""The fit both learned models of the offline review share: a logistic model over named binary features
(read with the review's own logistic function), classes weighed equally, by full-batch AdaGrad with an L2
penalty. Deterministic, so a test can check that a shipped data file is what its script fits."""

from __future__ import annotations

import math

from assistant.review.logistic import probability_of

# One sample: its feature names (summed in this order) and whether it is of the positive class.
Sample = tuple[tuple[str, ...], bool]


def fit(data: list[Sample], epochs: int, rate: float, l2: float, prune: float) -> dict[str, float]:
    """The weights per feature name, rounded to 4 decimals; weights smaller than `prune` are left out."""
    names = sorted({name for features, _ in data for name in features})
    index = {name: i for i, name in enumerate(names)}
    rows = [([index[name] for name in features], positive) for features, positive in data]
    positives = sum(positive for _, positive in data)
    weight = {True: len(data) / (2 * positives), False: len(data) / (2 * (len(data) - positives))}
    weights = [0.0] * len(names)
    squares = [0.0] * len(names)
    for _ in range(epochs):
        gradient = [0.0] * len(names)
        for features, positive in rows:
            total = sum(weights[i] for i in features)
            error = weight[positive] * (probability_of(total) - positive)
            for i in features:
                gradient[i] += error
        for i, value in enumerate(gradient):
            value = value / len(data) + l2 * weights[i] / len(data)
            squares[i] += value * value
            weights[i] -= rate * value / (math.sqrt(squares[i]) + 1e-8)
    return {name: round(weights[i], 4) for i, name in enumerate(names) if abs(weights[i]) >= prune}
