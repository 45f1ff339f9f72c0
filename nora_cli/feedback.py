"""Immediate offline feedback on a typed answer. Pure: no network, no model, standard library only.

Words. Text is lower-cased and split into words. Each word is lightly stemmed (plural, -ed and
-ing endings and -ation/-ization endings reduced, doubled consonants undoubled, a final "e"
dropped), so "Thresholds", "thresholding" and "threshold" are the same word. Stopwords and rubric
words ("names", "explains", "e.g.") are ignored; the words left are the *significant* words.

Terms. A term such as "false positive rate" is found in an answer when all its significant words
occur close together, in any order: within a window of len(words) + 3 significant words of the
answer. A formula such as "TP / (TP + FP)" is also found when the answer writes it with any
spacing and case ("tp/(tp+fp)"). A term made only of common words ("won't ask for more") must
appear as written; a symbol ("%") must appear anywhere.

Coverage. A key point with its own `match` terms is covered when any of them is found. A key
point without them is judged on terms derived from its text, after dropping a leading rubric
label ("Result:", "Good reply:"):

* it is covered when one of its formulas is found; otherwise
* the answer must hold at least two of its significant words (one, if it has only one), and
  those words must carry at least half of the point's weight, where a word that k key points of
  the same card share weighs 1/k; and one of the words found must be among the point's rarest
  (its highest weight). So a point is credited for what sets it apart from the other points: a
  precision-only answer does not cover the recall point just because both mention TP.

An empty or whitespace answer covers nothing.

Fillers. "um", "uh", "erm", "hmm", "basically", "actually" and "literally" always count. "like"
counts only when set off by punctuation (", like," or "Like," opening a sentence) or after "and",
"but", "so" or another filler; never after "would", "I", "looks", "seems", "something"... so "I'd
like", "looks like" and "features like age" are not fillers. "I mean" counts at the start of a
clause, not in "which case I mean". "you know" does not count in a question or before an object
("do you know", "you know how"); "kind of" and "sort of" do not count after a determiner ("what
kind of model").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from typing import Any

from nora_cli.models import Card, KeyPoint


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


WORDS_PER_MINUTE = 150
WINDOW_SLACK = 3
THRESHOLD = 0.5
MAX_SUGGESTIONS = 3
FILLERS_WORTH_A_SUGGESTION = 3
VOCABULARY_SIZE = 60

DESIGN_STEPS: tuple[str, ...] = (
    "objective",
    "target and metrics",
    "data and labels",
    "baseline",
    "features and training",
    "serving",
    "offline and online evaluation",
    "deployment and monitoring",
)

STOPWORDS = _wordset(
    """
    a about above after again against all almost also although always am among an and another
    any are aren't around as at be because been before being below between both but by can
    cannot can't could couldn't did didn't do does doesn't doing don't down during each either
    else enough etc even ever every few for from further get gets got had hadn't has hasn't have
    haven't having he her here hers herself him himself his how however i i'd i'll i'm i've if
    in into is isn't it it's its itself just least less let let's many may me might more most
    much must mustn't my myself neither never no nor not now of off often on once one only onto
    or other others otherwise our ours ourselves out over own per perhaps quite rather really
    same shall she should shouldn't since so some such than that that's the their theirs them
    themselves then there there's these they they'd they'll they're they've this those though
    through thus to too toward towards under until up upon us usually very via was wasn't we
    we'd we'll we're we've well were weren't what what's when where whether which while who
    whom whose why will with within without won't would wouldn't yet you you'd you'll you're
    you've your yours yourself yourselves
    able already based come comes done eg e.g ie i.e give gives given go goes going good just
    keep keeps kept know like make makes making mean means need needs say says said see seen
    take takes thing things use used uses using want way ways
    answer answers candidate clear clearly concrete describe describes explain explains example
    examples instead mention mentions name names point points show shows specific state states
    talk talks what's you asks ask uncovers knows named includes notes
    """
)
STAR_LABEL = re.compile(r"^\s*(?:situation|task|action|result)\s*:", re.IGNORECASE)
RUBRIC_LABEL = re.compile(
    r"^\s*(situation|task|action|result|good reply|worrying reply|follow-up|example)\s*:\s*",
    re.IGNORECASE,
)
TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
WORD_OR_MARK = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?|[^\sA-Za-z0-9]")
KEEP_FINAL_S = frozenset({"bias", "alias", "canvas", "atlas", "gas", "lens", "news", "always"})
UNICODE = str.maketrans({"\u2212": "-", "\u2013": "-", "\u00d7": "*", "\u2019": "'", "\u2018": "'"})

OPERAND = r"[\w@.^|'\[\]()]+"
FORMULA = re.compile(rf"{OPERAND}(?:\s*[-+*/^=<>]+\s*{OPERAND})+")
OPERATORS = re.compile(r"[-+*/^]")


# --- words -----------------------------------------------------------------------------------


def stem(word: str) -> str:
    """A light stem: enough to join plurals and simple inflections, not a full Porter stemmer."""
    word = word.removesuffix("'s")
    if len(word) <= 3 or word.isdigit():
        return word
    word = _strip_plural(word)
    for old, new in (("ization", "iz"), ("isation", "iz"), ("ation", "at"), ("ied", "y")):
        if word.endswith(old) and len(word) > len(old) + 2:
            return word[: -len(old)] + new
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def _strip_plural(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and word not in KEEP_FINAL_S:
        return word[:-1]
    return word


def _normal(text: str) -> str:
    return text.translate(UNICODE).lower()


def tokens(text: str) -> list[str]:
    """Lower-case words of the text, in order, numbers included."""
    return TOKEN.findall(_normal(text))


def _significant(word: str) -> bool:
    return len(word) > 1 and word not in STOPWORDS


def significant_stems(text: str) -> list[str]:
    """The stems of the text's significant words, in order, repeats kept."""
    return [stem(word) for word in tokens(text) if _significant(word)]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


@lru_cache(maxsize=8192)
def _term_stems(term: str) -> tuple[str, ...]:
    """The distinct significant stems of a term, in order."""
    return tuple(_unique(significant_stems(term)))


# --- formulas --------------------------------------------------------------------------------


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", _normal(text))


def _is_formula(part: str) -> bool:
    balanced = part.count("(") == part.count(")") and part.count("[") == part.count("]")
    operators = len(OPERATORS.findall(part))
    return balanced and (operators >= 2 or (operators >= 1 and "(" in part))


def formula_spans(text: str) -> list[str]:
    """Formulas in the text, as written: "Precision = TP / (TP + FP)"."""
    spans = []
    for found in FORMULA.finditer(text):
        span = found.group(0).rstrip(".")
        if any(_is_formula(part) for part in span.split("=")):
            spans.append(span)
    return spans


@lru_cache(maxsize=8192)
def formulas(text: str) -> tuple[str, ...]:
    """The text's formulas, each side of an "=" on its own, compacted: "tp/(tp+fp)"."""
    found = []
    for span in formula_spans(text):
        for part in span.split("="):
            compact = _compact(part).strip("<>")
            if _is_formula(part) and len(compact) >= 5:
                found.append(compact)
    return tuple(_unique(found))


# --- finding terms in an answer --------------------------------------------------------------


@dataclass(frozen=True)
class _Answer:
    """An answer ready for matching: its words, significant stems by position, compact text."""

    words: tuple[str, ...]
    positions: dict[str, list[int]]
    compact: str

    @classmethod
    def of(cls, text: str) -> _Answer:
        positions: dict[str, list[int]] = {}
        for index, word in enumerate(significant_stems(text)):
            positions.setdefault(word, []).append(index)
        return cls(tuple(tokens(text)), positions, _compact(text))

    def has(self, word: str) -> bool:
        return word in self.positions

    def finds(self, term: str) -> bool:
        """Whether the term (a phrase, a formula or a symbol such as "%") occurs in the answer."""
        if not self.words:
            return False
        if any(formula in self.compact for formula in formulas(term)):
            return True
        stems = _term_stems(term)
        if stems:
            return self._near(stems)
        phrase = tuple(tokens(term))
        if phrase:
            size = len(phrase)
            return any(self.words[i : i + size] == phrase for i in range(len(self.words)))
        return bool(_compact(term)) and _compact(term) in self.compact

    def _near(self, stems: tuple[str, ...]) -> bool:
        """All the stems within a window of len(stems) + WINDOW_SLACK significant words."""
        if not all(self.has(word) for word in stems):
            return False
        hits = sorted((pos, word) for word in stems for pos in self.positions[word])
        counts: Counter[str] = Counter()
        start = 0
        for pos, word in hits:
            counts[word] += 1
            while counts[hits[start][1]] > 1:
                counts[hits[start][1]] -= 1
                start += 1
            if len(counts) == len(stems) and pos - hits[start][0] < len(stems) + WINDOW_SLACK:
                return True
        return False


# --- key points ------------------------------------------------------------------------------


def _point_text(point: KeyPoint) -> str:
    return RUBRIC_LABEL.sub("", point.text)


@lru_cache(maxsize=8192)
def _point_words(point: KeyPoint) -> tuple[str, ...]:
    return _term_stems(_point_text(point))


def match_terms(point: KeyPoint) -> tuple[str, ...]:
    """The point's own `match` terms if any, else its formulas and significant words."""
    if point.match:
        return point.match
    text = _point_text(point)
    words: dict[str, str] = {}
    for word in tokens(text):
        if _significant(word):
            words.setdefault(stem(word), word)
    return (*formulas(text), *words.values())


def _word_weights(points: Sequence[KeyPoint]) -> dict[str, float]:
    """1/k for a word that k of the card's key points use."""
    shared = Counter(word for point in points for word in _point_words(point))
    return {word: 1 / count for word, count in shared.items()}


def _derived_covered(answer: _Answer, point: KeyPoint, weights: dict[str, float]) -> bool:
    """The rule for a point without `match` terms (see the module docstring)."""
    if any(formula in answer.compact for formula in formulas(_point_text(point))):
        return True
    words = _point_words(point)
    hits = [word for word in words if answer.has(word)]
    if not hits or len(hits) < min(2, len(words)):
        return False
    rarest = max(weights[word] for word in words)
    if all(weights[word] < rarest for word in hits):
        return False
    return sum(weights[word] for word in hits) >= THRESHOLD * sum(weights[w] for w in words)


def covered_points(answer: str, points: Sequence[KeyPoint]) -> tuple[int, ...]:
    """Indices of the key points the answer covers (see the module docstring for the rule)."""
    prepared = _Answer.of(answer)
    if not prepared.words:
        return ()
    weights = _word_weights(points)
    covered = []
    for index, point in enumerate(points):
        if point.match:
            hit = any(prepared.finds(term) for term in point.match)
        else:
            hit = _derived_covered(prepared, point, weights)
        if hit:
            covered.append(index)
    return tuple(covered)


# --- category vocabulary ---------------------------------------------------------------------

META_TAGS = ("guide", "company:", "track:", "level:")
COMMON_WORDS = _wordset(
    """
    across actual add added adds affect affected again ahead allow allows apply approach area
    avoid back bad behind better big call can case cases change changed changes check checks
    choose chosen clear close common compare compute consider correct count current day days
    decide decided define defined depend depends detail details differ different divide divided
    does done early easy end enough equal equally estimate exact expect expected explain fact far
    few figure find fine first fit five fixed following four full general good great group half
    hard help high higher hold important include increase issue keep keeping kind large larger
    last later lead least level likely long look lot low lower main matter measurable measure
    might move multi never new next non number often old open order outcome output part
    percentage perfect person place plus possible practice present problem process put quick
    quickly real reason report reports right run same second set several short side simple
    single small something sometimes start stay stays step still sure tell think third three
    time today together top total turn turns two type until useful value whole wide work works
    worse wrong year years zero saved saves save best less more most many much cares
    unlike treat treats considers matters grow grows skip skips shrink shrinks represent
    affects times nothing read ends write known human load path code context control volume
    variables valid period events observed chance advance reverse extreme procedure correctly
    firm applied closing numbers amount date leave company took worked ran turned compared chose
    performed proposed acting personally safe recur lasting credits fix cut vs pre processes
    ordered groups moving equals weights relative counts cells inputs draws
    clarifies smaller puts catches recognizes inventing arguing defers specifics comparing
    mattered reach prevents links pairs someone nobody people
    """
)


def _card_text(card: Card) -> str:
    tags = [tag.replace("-", " ") for tag in card.tags if not tag.startswith(META_TAGS)]
    points = [_point_text(point) for point in card.key_points]
    return "\n".join([card.prompt, *points, *tags])


@lru_cache(maxsize=4096)
def _card_terms(card: Card) -> tuple[tuple[str, str], ...]:
    """(key, as shown) for each domain word of the card (key: its stem) and each adjacent pair
    of them ("class imbalance")."""
    terms: list[tuple[str, str]] = []
    for line in _card_text(card).splitlines():
        previous: tuple[str, str] | None = None
        for raw in WORD_OR_MARK.findall(line.translate(UNICODE)):
            word = raw.lower()
            if not _significant(word) or word.isdigit() or word in COMMON_WORDS:
                previous = None
                continue
            key, shown = stem(word), raw if raw.isupper() and len(raw) > 1 else word
            terms.append((key, shown))
            if previous:
                terms.append((f"{previous[0]} {key}", f"{previous[1]} {shown}"))
            previous = (key, shown)
    return tuple(terms)


def category_vocabulary(cards: Sequence[Card], category: str) -> tuple[str, ...]:
    """Domain terms of a category, from its cards' prompts, key points and tags.

    A term is a word or a pair of adjacent words ("class imbalance"), neither a stopword nor a
    common word, used by at least two of the category's cards and at least three times as common
    there (as a share of cards) as in the other cards given. A word used mostly inside a kept
    pair is left to the pair. Most widely used first, at most VOCABULARY_SIZE; acronyms keep
    their capitals ("ROC", "AUC").
    """
    surfaces: dict[str, Counter[str]] = {}
    inside: Counter[str] = Counter()
    outside: Counter[str] = Counter()
    for card in cards:
        terms = _card_terms(card)
        if card.category != category:
            outside.update({key for key, _ in terms})
            continue
        inside.update({key for key, _ in terms})
        for key, shown in terms:
            surfaces.setdefault(key, Counter())[shown] += 1
    n_in = sum(1 for card in cards if card.category == category)
    n_out = len(cards) - n_in

    def lift(key: str) -> float:
        return (inside[key] / n_in) / ((outside[key] + 1) / (n_out + 1))

    kept = [key for key in inside if inside[key] >= 2 and lift(key) >= 3]
    pairs = [key for key in kept if " " in key]

    def left_to_a_pair(key: str) -> bool:
        return any(inside[pair] * 2 >= inside[key] for pair in pairs if key in pair.split())

    kept = [key for key in kept if " " in key or not left_to_a_pair(key)]
    kept.sort(key=lambda key: (-inside[key], -lift(key), key))
    return tuple(surfaces[key].most_common(1)[0][0] for key in kept[:VOCABULARY_SIZE])


def found_terms(answer: str, vocabulary: Sequence[str]) -> tuple[str, ...]:
    """The vocabulary terms the answer uses, in vocabulary order."""
    prepared = _Answer.of(answer)
    return tuple(term for term in vocabulary if prepared.finds(term))


# --- fillers ---------------------------------------------------------------------------------

ALWAYS_FILLERS = frozenset({"basically", "actually", "literally"})
SOUND_FILLERS = (
    (re.compile(r"^u+m+$"), "um"),
    (re.compile(r"^u+h+$"), "uh"),
    (re.compile(r"^e+r+m+$"), "erm"),
    (re.compile(r"^h+m+$"), "hmm"),
)
PUNCTUATION = frozenset(".,!?;:")
CLAUSE_START = PUNCTUATION | {"and", "but", "so", "um", "uh", "like"}
LIKE_NOT_FILLER_AFTER = _wordset(
    """would i'd you'd we'd they'd he'd she'd i you we they don't didn't doesn't look looks
    looked looking seem seems seemed feel feels felt sound sounds sounded something anything
    nothing everything more much exactly just really also to might may not"""
)
YOU_KNOW_QUESTION = _wordset(
    """do did don't didn't if would will when unless once whether might may could should can
    as"""
)
YOU_KNOW_OBJECT = _wordset(
    """what how that whether the which where when why who it this a an them him her about
    exactly"""
)
DETERMINERS = _wordset(
    """a the what which this that these those any some one each every same other another
    different new no all many several my our your his her their its"""
)


def _like_is_filler(before: str, after: str) -> bool:
    if before in LIKE_NOT_FILLER_AFTER:
        return False
    if before in PUNCTUATION:
        return after in PUNCTUATION and before != ":"
    return before in CLAUSE_START


def _filler_at(words: list[str], i: int) -> tuple[str, int] | None:
    """The filler starting at words[i] and how many words it spans, or None."""
    word = words[i]
    before = words[i - 1] if i > 0 else "."
    after = words[i + 1] if i + 1 < len(words) else "."
    third = words[i + 2] if i + 2 < len(words) else "."
    if word in ALWAYS_FILLERS:
        return word, 1
    for pattern, name in SOUND_FILLERS:
        if pattern.match(word):
            return name, 1
    if word == "like" and _like_is_filler(before, after):
        return "like", 1
    if word == "i" and after == "mean" and before in CLAUSE_START:
        return "i mean", 2
    you_know = word == "you" and after == "know"
    if you_know and before not in YOU_KNOW_QUESTION and third not in YOU_KNOW_OBJECT:
        return "you know", 2
    if word in ("kind", "sort") and after == "of" and before not in DETERMINERS:
        return f"{word} of", 2
    return None


def count_fillers(answer: str) -> dict[str, int]:
    """Filler -> count, most frequent first (see the module docstring for the rules)."""
    words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?|[.,!?;:]", _normal(answer))
    counts: Counter[str] = Counter()
    i = 0
    while i < len(words):
        found = _filler_at(words, i)
        if found:
            counts[found[0]] += 1
        i += found[1] if found else 1
    return dict(counts.most_common())


# --- STAR stories ----------------------------------------------------------------------------


def _cue(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b")


PLACES = (
    r"(?:company|job|role|team|startup|employer|position|project|marketplace|app|platform"
    r"|product|bank|retailer|service)"
)
IRREGULAR_PAST = (
    r"built|wrote|rewrote|ran|reran|dug|led|set|made|took|found|met|spent|drew|gave|sent|brought"
    r"|chose|put|began|told|held|kept|got|broke|split|cut|shipped|sat|went|caught|rolled|rebuilt"
)
STAR_CUES = {
    "situation": _cue(
        r"situation|context|background",
        rf"(?:at|in|on|for) (?:my|our|a|an|the) (?:[\w-]+ ){{0,2}}{PLACES}",
        rf"(?:my|our) (?:[\w-]+ ){{0,2}}(?:{PLACES}|model|system|pipeline|manager|leadership)",
        r"when i was|while i was|i was (?:working|testing|building|on|at)|i worked",
        r"we (?:had|were|noticed|saw|ran|launched|used|built)|leadership asked",
        r"(?:years?|months?|weeks?) ago|last (?:year|quarter|month)",
    ),
    "task": _cue(
        r"task|goal|objective|responsib\w*|in charge|tasked|my job|my role|owner|volunteered",
        r"i (?:\w+ )?owned|i own|i was (?:asked|the [\w-]+|one of|leading|on point)",
        r"i needed to|i had to|i took on|i wanted to|asked (?:me|to)",
        r"was to (?:\w+ )?(?:prove|build|ship|fix|find|reduce|improve|decide|make)",
    ),
    "action": _cue(
        r"i (?:first |then |also |personally |quickly )?(?:(?!need|want|own|learn|us)\w+ed|"
        + IRREGULAR_PAST
        + r")",
        r"my (?:first )?(?:action|step)",
    ),
    "result": _cue(
        r"results?|resulted|outcome|impact|in the end|ended up|led to|as a result|afterwards",
        r"over the next|by the end|after (?:the|that|launch|two|three|six)|within",
        r"(?:cut|reduced|improved|raised|increased|saved|lowered|dropped|grew|boosted|decreased"
        r"|halved|doubled|freed|won|fell|rose|recovered|shrank|caught|stayed|showed|delivered)",
        r"increase|decrease|fewer|more|better|faster|cheaper|went (?:up|down|from)|lift(?:ed)?",
    ),
}
FIGURE = re.compile(
    r"\d|[$\u20ac\u00a3]|\b(?:percent|per cent|half|halved|twice|doubled|tripled"
    r"|(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty"
    r"|hundred|thousand|million|billion)(?: \w+)? (?:percent|times|x|hours?|days?|weeks?"
    r"|months?|quarters?|years?|minutes?|seconds?|dollars?|points?|users?|people|engineers?))\b"
)


@dataclass(frozen=True)
class StarCheck:
    """Which parts of a STAR story the answer tells, found by cue words.

    measurable: a number, percentage, money or time figure in a sentence that reports a result.
    """

    situation: bool
    task: bool
    action: bool
    result: bool
    measurable: bool

    @property
    def complete(self) -> bool:
        return self.situation and self.task and self.action and self.result and self.measurable


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", _normal(text)) if s.strip()]


def star_check(answer: str) -> StarCheck:
    """The STAR parts the answer tells; measurable when a result sentence carries a figure."""
    sentences = _sentences(answer)
    text = " ".join(sentences)
    results = [sentence for sentence in sentences if STAR_CUES["result"].search(sentence)]
    return StarCheck(
        situation=bool(STAR_CUES["situation"].search(text)),
        task=bool(STAR_CUES["task"].search(text)),
        action=bool(STAR_CUES["action"].search(text)),
        result=bool(results),
        measurable=any(FIGURE.search(sentence) for sentence in results),
    )


# --- design steps ----------------------------------------------------------------------------

DESIGN_CUES = {
    "objective": _cue(
        r"objective|goal|business|north[- ]star|optimi[sz]e for|success|requirements?|decision",
        r"clarify|ask|asking|frame|framing|pin down|use case|product",
    ),
    "target and metrics": _cue(
        r"target|metrics?|predicts?|predicting|probability|precision|recall|auc|ndcg|ctr|rmse",
        r"mae|mape|wape|f1|log loss|kpi|forecasts?|quantiles?|errors?",
    ),
    "data and labels": _cue(
        r"labels?|label(?:l)?ing|logs?|logged|dataset|training data|annotat\w*|ground truth",
        r"positives|negatives|data sources?|history|historical",
    ),
    "baseline": _cue(
        r"baseline|heuristics?|rule[- ]based|rules|popularity|simple model|start simple",
        r"logistic regression|first version|moving average|threshold on",
    ),
    "features and training": _cue(
        r"features?|embeddings?|train(?:ed|ing)?|architecture|gradient[- ]boost\w*|neural",
        r"two[- ]tower|xgboost|lightgbm|transformer|loss|fine[- ]tun\w*|fit|fitted|autoencoder",
        r"isolation forest|classifier|regression",
    ),
    "serving": _cue(
        r"serv(?:e|es|ed|ing)|latency|inference|real[- ]time|api|endpoint|cach(?:e|ed|ing)",
        r"feature store|throughput|qps|requests per second|index|streaming",
    ),
    "offline and online evaluation": _cue(
        r"offline|online|a/b|ab test|experiment|holdout|backtest\w*|interleav\w*",
        r"evaluat\w*|validation",
    ),
    "deployment and monitoring": _cue(
        r"deploy\w*|roll ?out|rolled out|canary|shadow|monitor\w*|drift|retrain\w*|alert\w*",
        r"rollback|roll back|dashboards?",
    ),
}


def design_steps(answer: str) -> tuple[tuple[str, bool], ...]:
    """Each of the eight design steps and whether the answer uses one of its cue words."""
    text = _normal(answer)
    return tuple((step, bool(DESIGN_CUES[step].search(text))) for step in DESIGN_STEPS)


# --- feedback --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Feedback:
    """What nora can tell about one typed answer, offline.

    covered and missed are key-point indices; domain_terms are the category vocabulary the
    answer used; speaking_seconds estimates the answer said aloud at 150 words a minute; star is
    set for behavioral cards and design_steps for design cards; suggestions are at most three,
    most useful first.
    """

    covered: tuple[int, ...]
    missed: tuple[int, ...]
    domain_terms: tuple[str, ...]
    words: int
    speaking_seconds: float
    fillers: dict[str, int]
    star: StarCheck | None
    design_steps: tuple[tuple[str, bool], ...] | None
    suggestions: tuple[str, ...]

    def to_record(self) -> dict[str, Any]:
        """A JSON-serialisable dict (lists, not tuples) saved with the attempt."""
        star = self.star
        steps = self.design_steps
        return {
            "covered": list(self.covered),
            "missed": list(self.missed),
            "domain_terms": list(self.domain_terms),
            "words": self.words,
            "speaking_seconds": self.speaking_seconds,
            "fillers": dict(self.fillers),
            "star": None if star is None else {**asdict(star), "complete": star.complete},
            "design_steps": None if steps is None else [[step, done] for step, done in steps],
            "suggestions": list(self.suggestions),
        }


EMPTY_ADVICE = "Type a few key words even when you answer aloud, so nora can check your coverage"
STAR_ADVICE = {
    "situation": "Open with the situation: where you were and what was at stake",
    "task": "Say what you owned: your task or goal, in one sentence",
    "action": "Say what YOU did, in the first person ('I built...', 'I checked...')",
    "result": "End with the result: what changed because of what you did",
    "measurable": "End with a measurable result: a number, percentage, money or time saved",
}
DESIGN_ADVICE = {
    "objective": "Start from the objective: the product goal and the decision the model drives",
    "target and metrics": "Name the prediction target and the metrics, offline and business",
    "data and labels": "Say where the data and labels come from, and how they are biased",
    "baseline": "Propose a simple baseline before the learned model",
    "features and training": "Cover the features and how you would train the model",
    "serving": "Cover serving: batch or online, the latency budget, caching",
    "offline and online evaluation": "Cover evaluation: offline metrics, then an online A/B test",
    "deployment and monitoring": "Cover rollout and monitoring: shadow, canary, drift, retraining",
}


def _star_gap(star: StarCheck | None, card: Card) -> str | None:
    """The first STAR part the story lacks, when the card's rubric is a STAR story."""
    if star is None or not any(STAR_LABEL.match(point.text) for point in card.key_points):
        return None
    parts = asdict(star)
    return next((part for part in STAR_ADVICE if not parts[part]), None)


def _point_advice(point: KeyPoint, number: int) -> str:
    spans = formula_spans(point.text)
    if spans:
        return f"Name the formula: {spans[0]}"
    return f"Cover key point {number}: {point.text}"


def _first_missed_advice(feedback: Feedback, card: Card, star_gap: str | None) -> str | None:
    """Advice for the first missed key point that the STAR advice does not already give."""
    told = "result" if star_gap == "measurable" else star_gap
    for index in feedback.missed:
        label = RUBRIC_LABEL.match(card.key_points[index].text)
        if not (told and label and label.group(1).lower() == told):
            return _point_advice(card.key_points[index], index + 1)
    return None


def _fillers_advice(fillers: dict[str, int]) -> str | None:
    if sum(fillers.values()) < FILLERS_WORTH_A_SUGGESTION:
        return None
    listed = ", ".join(f"'{word}' x{count}" for word, count in list(fillers.items())[:3])
    return f"Cut the fillers: {listed}"


def suggestions_for(feedback: Feedback, card: Card) -> tuple[str, ...]:
    """At most three: the structure gap (STAR part or design step), the first missed key point,
    the fillers, then the length against the card's time limit."""
    if feedback.words == 0:
        return (EMPTY_ADVICE,)
    advice: list[str | None] = []
    gap = _star_gap(feedback.star, card)
    advice.append(STAR_ADVICE[gap] if gap else None)
    skipped = [step for step, done in feedback.design_steps or () if not done]
    advice.append(DESIGN_ADVICE[skipped[0]] if skipped else None)
    advice.append(_first_missed_advice(feedback, card, gap))
    advice.append(_fillers_advice(feedback.fillers))
    limit = card.time_limit
    if limit and feedback.speaking_seconds > limit:
        advice.append(
            f"Trim it: about {round(feedback.speaking_seconds)} s spoken, limit {limit} s"
        )
    return tuple(text for text in advice if text)[:MAX_SUGGESTIONS]


def analyse(answer: str, card: Card, vocabulary: Sequence[str]) -> Feedback:
    """Everything nora can tell about a typed answer at once, offline."""
    words = len(tokens(answer))
    covered = covered_points(answer, card.key_points)
    draft = Feedback(
        covered=covered,
        missed=tuple(i for i in range(len(card.key_points)) if i not in covered),
        domain_terms=found_terms(answer, vocabulary),
        words=words,
        speaking_seconds=round(words * 60 / WORDS_PER_MINUTE, 1),
        fillers=count_fillers(answer),
        star=star_check(answer) if card.kind == "behavioral" else None,
        design_steps=design_steps(answer) if card.kind == "design" else None,
        suggestions=(),
    )
    return replace(draft, suggestions=suggestions_for(draft, card))
