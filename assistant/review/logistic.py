"""The logistic function with which the review's learned models (and the scripts that fit them) turn a
total of weights into a probability."""

from __future__ import annotations

import math

CLAMP = 30.0  # a total is taken between -CLAMP and CLAMP (exp() stays finite)


def probability_of(total: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-CLAMP, min(CLAMP, total))))
