"""The steps of a system-design answer, defined once: the walk asks them in this order with
these shares of the time, the coach looks for their cue words, the screens show their labels.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DesignStep:
    key: str
    label: str
    prompt: str
    weight: float  # share of the card's time limit, relative to the other steps
    cues: str  # a regular expression of words that show an answer speaks to this step


STEPS: tuple[DesignStep, ...] = (
    DesignStep(
        "objective", "Clarify the objective",
        "Who uses the system, which decision or outcome does it serve, and which failures cost"
        " most?", 1.0,
        r"objective|goal|business|north[- ]star|optimi[sz]e for|success|requirements?|decision"
        r"|clarify|ask|asking|frame|framing|pin down|use case|product",
    ),
    DesignStep(
        "target and metrics", "Target and metrics",
        "What exactly do you predict, and which offline and business metrics define success?",
        1.0,
        r"target|metrics?|predicts?|predicting|probability|precision|recall|auc|ndcg|ctr|rmse"
        r"|mae|mape|wape|f1|log loss|kpi|forecasts?|quantiles?|errors?",
    ),
    DesignStep(
        "data and labels", "Data and labels",
        "Where does the data come from, how are labels made, and are they delayed or biased?",
        1.5,
        r"labels?|label(?:l)?ing|logs?|logged|dataset|training data|annotat\w*|ground truth"
        r"|positives|negatives|data sources?|history|historical",
    ),
    DesignStep(
        "baseline", "Baseline",
        "What simple model or existing rule do you start from, and what must beat it?", 1.0,
        r"baseline|heuristics?|rule[- ]based|rules|popularity|simple model|start simple"
        r"|logistic regression|first version|moving average|threshold on",
    ),
    DesignStep(
        "features and training", "Features and training",
        "Which features, which model, and how do you train, version and validate it?", 2.0,
        r"features?|embeddings?|train(?:ed|ing)?|architecture|gradient[- ]boost\w*|neural"
        r"|two[- ]tower|xgboost|lightgbm|transformer|loss|fine[- ]tun\w*|fit|fitted|autoencoder"
        r"|isolation forest|classifier|regression",
    ),
    DesignStep(
        "serving", "Serving",
        "Batch, online, streaming or on-device? Latency, throughput, freshness, fallbacks?", 1.5,
        r"serv(?:e|es|ed|ing)|latency|inference|real[- ]time|api|endpoint|cach(?:e|ed|ing)"
        r"|feature store|throughput|qps|requests per second|index|streaming",
    ),
    DesignStep(
        "offline and online evaluation", "Offline and online evaluation",
        "How do you compare models offline, by slice, and prove impact online?", 1.5,
        r"offline|online|a/b|ab test|experiment|holdout|backtest\w*|interleav\w*"
        r"|evaluat\w*|validation",
    ),
    DesignStep(
        "deployment and monitoring", "Deployment and monitoring",
        "How do you roll out safely, what do you monitor, and when do you retrain?", 1.5,
        r"deploy\w*|roll ?out|rolled out|canary|shadow|monitor\w*|drift|retrain\w*|alert\w*"
        r"|rollback|roll back|dashboards?",
    ),
)  # fmt: skip

CURVEBALL_KEY = "curveball"
CURVEBALL_LABEL = "Curveball"
CURVEBALL_WEIGHT = 1.0
CURVEBALL_AFTER = 4  # asked once the baseline is on the table
STEP_KEYS: tuple[str, ...] = tuple(step.key for step in STEPS)


def label(key: str) -> str:
    """The on-screen label of a step, the curveball included."""
    if key == CURVEBALL_KEY:
        return CURVEBALL_LABEL
    return next((step.label for step in STEPS if step.key == key), key)
