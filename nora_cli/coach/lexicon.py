"""The field's shorthand and synonyms, and the words that carry no content. Pure data.

ABBREVIATIONS expand what a candidate types in a hurry ("lr", "kv", "w/") into words; SYNONYMS
join the wordings of one idea ("cutoff" and "threshold", "constant time" and "O(1)") under
the group's first member. Both are general to machine-learning interviews, not to any card.
"""

from __future__ import annotations


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of a word list."""
    return frozenset(text.split())


# Words that say nothing about an answer's content: grammar, and the rubric's own verbs
# ("names", "explains", "gives") that describe the candidate rather than the idea.
STOPWORDS = wordset(
    """
    a about again against  almost also although  am among an and another
    any are around as at be because been  being between both but by can could
    did do does doing down during each either else enough etc even ever every  for from
    further get gets got had has have having he her here hers herself him himself his how
    however i if in into is it its itself just  let many may me might   much must
    my myself now of off often on once one  onto or other others otherwise our ours
    ourselves out over own per perhaps quite rather really  shall she should since so some
    such than that the their theirs them themselves then there these they this those though
    through thus to too toward towards under until up upon us usually very via was we well were
    what when where whether which while who whom whose why will with within would yet you your
    versus
    yours yourself yourselves i'd i'll i'm i've you'd you'll you're you've we'd we'll we're
    we've it's that's there's what's let's they'd they'll they're they've
    able already come comes done eg e.g ie i.e go goes going good just keep keeps kept know like
    make makes making means need needs say says said see seen take takes thing things use
    used uses using want way ways lot lots bit really actually basically something anything
    answer answers candidate clear clearly concrete describe describes explain explains example
    examples instead mention mentions name names point points show shows specific state states
    talk talks ask asks uncovers knows named includes notes gives give given says stated
    """
)
# Sweeping words: where a false claim tends to sit ("AUC is always safe", "any drift means
# retraining", "BM25 is obsolete"). A sentence that uses one the card itself never uses
# credits a key point only when it says nearly all of it. Not "only" or "entirely": correct
# answers use them as often ("you only catch it with labels", "monitors miss it entirely").
SWEEPING = wordset(
    """always any whatever regardless guarantee guarantees guaranteed anyway
    simply fully automatically necessarily obsolete redundant pointless
    useless irrelevant everywhere"""
)
# Words that claim without exception: the sweeping words, and "never", "nothing", "only"...
# An answer that leans on them where the card never does is overclaiming, and a false claim
# hides there more often than not (`coach.matching`). "only" counts here, where it takes two;
# "all" does not: it is mostly a determiner in right answers ("all that", "all features").
ABSOLUTES = SWEEPING | wordset("never nothing none only every no")
# ... but not "no" in an idiom that claims nothing: "at no extra cost", "no later than Friday".
MILD_AFTER_NO = wordset("extra additional longer later cost charge")
# ... nor one said as an estimate: "~no speedup" (a tilde reads as "approximately"), "roughly
# no gain". "almost never" still claims near-certainty: "edge cases almost never show up".
HEDGES = wordset("approximately roughly")
# A field term that is also an everyday verb, and the words before it that make it one: "I
# don't recall the numbers" says nothing about recall (`knowledge.terms_used`).
VERB_SENSES = wordset("recall")
AS_A_VERB = wordset("i we you they don't can't couldn't didn't do to would will cannot not")
# Words that wave away what matters ("a canary just delays the win", "p99 doesn't matter",
# "one rater is plenty") or claim certainty ("obviously"). They count with the ABSOLUTES
# towards overclaiming: a candidate who says the card's words while dismissing them is
# mistaken more often than not. Not "just" alone ("just before the cut-off"), "plenty of"
# nor "no need" ("no" counts already).
DISMISSALS = (
    "doesn't matter", "don't matter", "didn't matter", "does not matter", "do not matter",
    "did not matter", "matters little", "adds little", "add little", "not worth", "isn't worth",
    "just delay", "just delays", "just slow", "just slows", "just add", "just adds",
    "is noise", "are noise", "is plenty", "are plenty", "better saved", "waste of", "merely",
    "overkill", "unnecessary", "perfectly", "obviously", "certainly", "definitely", "naturally",
    "doesn't really matter", "don't really matter", "didn't really matter",
)  # fmt: skip
# Phrases that set a claim up to knock it down ("a common misreading is that...", "some people
# think..."): a sentence with one reports a wrong claim, it does not make it.
DISOWNING = (
    r"\b(?:misreading|misconception|misunderstanding|myth|fallacy)s?\b",
    r"\b(?:some|many|most) (?:people|teams|candidates|folks) (?:think|assume|believe|say|claim)",
    r"\bpeople (?:often|sometimes|usually) (?:think|assume|believe|say|claim)",
    r"\b(?:it'?s|it is) (?:tempting|a mistake|wrong) to (?:think|assume|believe|say)",
    r"\bcontrary to\b",
    r"\bcommon (?:belief|mistake|error|trap) is\b",
    r"\b(?:is|isn't|is not) what it means\b",
)
# Words that turn a statement into its opposite; a key point is not credited when the answer
# says it only in a clause that one of these negates and the point does not (or the reverse).
# NEGATION_PHRASES do the same in two words: "running estimates rather than batch statistics".
NEGATIONS = wordset(
    """not no never nothing none neither nor without cannot can't don't doesn't didn't isn't
    aren't wasn't weren't won't wouldn't shouldn't couldn't hasn't haven't hadn't mustn't nobody
    skip skips skipped skipping ignore ignores ignored ignoring pointless unnecessary"""
)
NEGATION_PHRASES = frozenset({("rather", "than"), ("instead", "of")})
# Words that deny a clause's subject as well as what follows them: "shadow mode is pointless",
# "indirect injection isn't a real risk", "gradients disabled" (with COPULAS: "is not").
DENIALS = wordset(
    "isn't aren't wasn't weren't pointless unnecessary useless irrelevant overkill disabled"
)
COPULAS = wordset("is are was were")
# Verbs that, negated, dismiss their subject: "X doesn't matter", "the registry doesn't need it".
DISMISSING = wordset("matter need apply help work")
# Where a subject starts ("..., so X isn't"), and subjects that name nothing ("it wasn't").
SUBORDINATORS = wordset("and so that because since to if when which while as where whereas")
PRONOUNS = wordset("it this that these those they he she we i you which what")

ABBREVIATIONS = {
    "w/": "with", "w/o": "without", "b/c": "because", "vs": "versus", "approx": "approximately",
    "lr": "learning rate logistic regression", "logreg": "logistic regression",
    "auc": "auc", "roc": "roc", "tp": "true positive", "fp": "false positive",
    "tn": "true negative", "fn": "false negative", "tpr": "true positive rate",
    "fpr": "false positive rate", "prec": "precision", "rec": "recall", "pos": "positive",
    "neg": "negative", "diff": "different", "avg": "average", "std": "standard deviation",
    "var": "variance", "mu": "mean", "eps": "epsilon", "feat": "feature", "feats": "features",
    "eval": "evaluation", "evals": "evaluations", "hyp": "hypothesis", "info": "information",
    "cap": "capacity", "mem": "memory", "perf": "performance", "prod": "production",
    "dist": "distribution", "param": "parameter", "params": "parameters", "impl": "implementation",
    "req": "request", "reqs": "requests", "seq": "sequence", "seqs": "sequences",
    "tok": "token", "toks": "tokens", "instr": "instructions", "sys": "system",
    "acct": "account", "docs": "documents", "doc": "document", "db": "database",
    "dll": "doubly linked list", "dict": "dictionary", "hashmap": "hash map",
    "nn": "neural network", "dnn": "deep neural network", "kv": "key value",
    "ab": "a/b test", "a/b": "a/b test", "abtest": "a/b test", "ctr": "click through rate",
    "cvr": "conversion rate", "ann": "approximate nearest neighbor", "knn": "nearest neighbor",
    "ipw": "inverse propensity weighting", "ips": "inverse propensity scoring",
    "mle": "maximum likelihood", "iid": "independent identically distributed",
    "ood": "out of distribution", "psi": "population stability index", "bn": "batch norm",
    "syncbn": "synchronized batch norm", "ln": "layer norm", "sgd": "stochastic gradient descent",
    "h0": "null hypothesis", "bh": "benjamini hochberg", "fdr": "false discovery rate",
    "ci": "confidence interval", "se": "standard error", "mde": "minimum detectable effect",
    "ttft": "time to first token", "rag": "retrieval augmented generation",
    "sft": "supervised fine tuning", "llm": "language model", "llms": "language models",
    "tc": "total compensation", "comp": "compensation", "rsu": "equity", "rsus": "equity",
    "eng": "engineering", "wks": "weeks", "wk": "week", "hrs": "hours", "mins": "minutes",
    "pts": "points", "mgr": "manager", "e2e": "end to end", "oom": "out of memory",
    "qps": "queries per second", "p50": "median latency", "p95": "tail latency",
    "p99": "tail latency", "sla": "latency budget", "k8s": "kubernetes", "res": "result",
    "ex": "example", "rand": "random", "randint": "random integer", "idx": "index",
    "len": "length", "arr": "array", "init": "initialization", "config": "configuration",
    "aggs": "aggregates", "agg": "aggregate", "num": "number", "cnt": "count",
    "prob": "probability", "probs": "probabilities", "pred": "prediction", "preds": "predictions",
    "calib": "calibration", "thresh": "threshold", "reco": "recommendation",
    "recs": "recommendations",
    "loops": "interviews", "ext": "extension", "fri": "friday", "mon": "monday",
    "pit": "point in time", "opt": "optimization", "bayes": "bayesian", "wd": "weight decay",
    "obj": "objective", "hp": "hyperparameter", "hps": "hyperparameters",
    "hparam": "hyperparameter", "hparams": "hyperparameters", "val": "validation",
    "cv": "cross validation", "gbdt": "gradient boosted trees", "xgb": "xgboost",
    "bw": "bandwidth", "lat": "latency", "dedup": "deduplicate", "hist": "history",
}  # fmt: skip
# Shorthand whose expansion is more than one name: its words stay terms of their own.
SEVERAL_MEANINGS = frozenset({"lr"})

SYNONYMS = (
    "threshold cutoff cut-off",
    "hash_map dictionary hashmap dict",
    "above exceed",
    "double twice",
    "o(1) constant_time",
    "o(n) linear_time single_pass",
    "o(log_n) logarithmic_time",
    "o(n^2) quadratic",
    "mean average",
    "statistics mean_and_variance mean_and_standard_deviation",
    "standard_deviation std_dev stdev",
    "normalize standardize rescale",
    "learned trainable learnable",
    "shift offset",
    "large big bigger higher larger huge",
    "small tiny little smaller fewer",
    "fast quick faster quicker",
    "expensive costly",
    "remove drop discard evict delete throw_out prune",
    "recent fresh latest newest",
    "old stale oldest",
    "false_positive false_alarm",
    "false_negative miss missed_positive",
    "label target ground_truth",
    "feature input column field signal",
    "prediction_time serving_time scoring_time inference_time at_serving",
    "prediction predict score",
    "warning_sign red_flag worrying_reply bad_sign bad_answer bad_reply",
    "good_reply good_sign good_answer green_flag",
    "point_in_time as_of",
    "identifier id",
    "example sample instance row",
    "deploy ship launch release",
    "rollback roll_back revert",
    "gradual ramp canary",
    "monitor track",
    "retrain refresh",
    "customer user client",
    "goal objective aim target_metric",
    "gpu device accelerator",
    "synchronize sync",
    "decline reject",
    "fraudster attacker adversary",
    "estimate approximate",
    "probability chance likelihood odds",
    "significant significance",
    "increase raise grow rise",
    "decrease lower reduce cut shrink",
    "error mistake",
    "experiment test",
    "leakage leak",
    "buffer reservoir",
    "uniform uniformly random",
    "dummy sentinel",
    "memory space ram",
    "lasso l1",
    "ridge l2",
    "coefficient weight",
    "intercept bias_term",
    "penalize penalise regularize",
    "prior belief",
    "segment slice cohort subgroup",
    "stakeholder manager leadership",
    "hypothesis bet hunch",
    "tactic playbook strategy",
    "document article page",
    "instruction command",
    "compensation pay salary package",
    "range band",
    "extension extend more_time",
    "outreach contact",
    "propensity examination_probability viewing_probability",
    "shuffle randomize randomise",
    "prompt input_text",
    "throughput tokens_per_second",
    "step iteration",
    "memory_bound bandwidth_bound",
    "compute_bound flop_bound",
    "alone only solely exclusively",
    "0 zero",
)

# Pairs of opposites. An answer that puts one next to a term the key point puts the other with
# ("evict the most recent" for "evict the least recent") contradicts the point, and two opposite
# headings ("Good reply:", "Worrying reply:") are things the card contrasts: see
# coach.contradiction. POLARITY words carry no weight of their own; they are kept for these
# checks.
ANTONYMS = (
    "most least",
    "above below",
    "more less",
    "more fewer",
    "increase decrease",
    "higher lower",
    "before after",
    "same different",
    "trusted untrusted",
    "static continuous",
    "first last",
    "sparse dense",
    "true false",
    "correct wrong",
    "correct incorrect",
    "right wrong",
    "better worse",
    "independent dependent",
    "offline online",
    "underfit overfit",
    "small large",
    "positive negative",
    "always never",
    "all none",
    "minimize maximize",
    "compute_bound memory_bound",
    "fixed varies",
    "keep delete",
    "keep replace",
    "reject accept",
    "inside outside",
    "with without",
    "include exclude",
    "same separate",
    "alone together",
    "early late",
    "slower faster",
    "safe unsafe",
    "required optional",
    "before instead",
    "point_in_time latest",
    "good_reply warning_sign",
)
POLARITY = wordset(
    """more most less least fewer before after all always same few exactly rarely first last
    none above below"""
)
