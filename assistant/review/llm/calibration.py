"""`llm ijken`: how well the configured server and model judge, measured on a labelled calibration set.

The set (data/ijkset.toml) holds answers to the seven questions of the bundled call with their labels,
copied from the project's corpus (split "tune", never the holdout). Each answer is reviewed as
`check --llm` would (same prompt, schema, ladder), and the replies are compared with the labels: share of
valid replies, level agreement (exact, within one level, Cohen's kappa), missing-part precision and recall,
share of quotes found in the answer, latency, tokens and cost. The verdict (geschikt, twijfelachtig,
ongeschikt) follows the THRESHOLDS below (also in docs/llm.md). The result is stored per server, model and
prompt version after every answer, so an interrupted run resumes where it stopped.

Importing this module does not import the openai SDK (the settings screen shows a stored verdict).
"""

from __future__ import annotations

import hashlib
import json
import math
import statistics
import threading
import time
import tomllib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from assistant import locations
from assistant.call.models import Call
from assistant.config import Settings
from assistant.draft.text import dutch_number
from assistant.i18n import N_, _

if TYPE_CHECKING:
    from assistant.review.llm.ladder import ProgressCallback
    from assistant.review.llm.session import LLMSession

SetLevel = Literal["good", "partial", "poor"]
Verdict = Literal["geschikt", "twijfelachtig", "ongeschikt"]
SET_LEVELS: tuple[SetLevel, ...] = ("poor", "partial", "good")  # ordinal, worst first
LEVEL_POINTS = {"ontbreekt": 0, "zwak": 1, "voldoende": 2, "sterk": 3}
FORMAT: Final = "wse-assistant/llm-ijking"
SET_LABELS: dict[str, str] = {"good": "goed", "partial": "gedeeltelijk", "poor": "zwak"}
VERDICT_LABELS: dict[str, str] = {
    "geschikt": N_("geschikt: het oordeel van dit model mag een deelvraag als ontbrekend markeren"),
    "twijfelachtig": N_("twijfelachtig: de bevindingen van dit model zijn advies naast de regels"),
    "ongeschikt": N_("ongeschikt: dit model oordeelt niet betrouwbaar; het wordt niet gevraagd, tenzij u dat "
                     "uitdrukkelijk kiest (dan enkel als advies)"),
}


class Thresholds(BaseModel):
    """Geschikt needs every minimum met on the whole set; ongeschikt follows from any floor not met."""

    model_config = ConfigDict(frozen=True)

    valid_min: float = 0.95
    kappa_min: float = 0.6
    within_one_min: float = 0.95
    precision_min: float = 0.7
    recall_min: float = 0.6
    quotes_min: float = 0.8
    valid_floor: float = 0.8
    kappa_floor: float = 0.2
    recall_floor: float = 0.3
    quotes_floor: float = 0.5


THRESHOLDS = Thresholds()


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    question: str
    level: SetLevel
    missing_parts: list[str]
    text: str


class CalibrationSet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    answers: list[Item]


def load_set() -> CalibrationSet:
    text = (resources.files("assistant.review.llm") / "data" / "ijkset.toml").read_text(encoding="utf-8")
    return CalibrationSet.model_validate(tomllib.loads(text))


class ItemResult(BaseModel):
    """One answer of the set as the model judged it (or why it could not)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    question: str
    label_level: SetLevel
    label_missing: list[str]
    valid: bool
    failure: str | None = None  # LLMError kind
    message: str | None = None
    level: SetLevel | None = None  # the model's criteria levels, averaged
    missing_parts: list[str] = []
    quotes_given: int = 0
    quotes_found: int = 0
    seconds: float
    first_token_s: float | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float | None = 0.0


class Metrics(BaseModel):
    """What a calibration found, over all answers or one question's."""

    answers: int
    valid: int
    valid_share: float
    exact: float | None
    within_one: float | None
    kappa: float | None
    missing_precision: float | None
    missing_recall: float | None
    quotes_found_share: float | None
    latency_median_s: float | None
    latency_p95_s: float | None
    prompt_tokens: int
    completion_tokens: int
    cost: float | None


class Calibration(BaseModel):
    """A stored calibration of one server + model + prompt version."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["wse-assistant/llm-ijking"] = FORMAT
    base_url: str
    provider: str
    model: str
    prompt: str  # review template tag: name/version/digest
    set_version: int
    set_size: int
    currency: str = "USD"
    started: datetime
    updated: datetime
    results: list[ItemResult] = []

    @property
    def complete(self) -> bool:
        return len(self.results) >= self.set_size

    def metrics(self, question: str | None = None) -> Metrics:
        return compute_metrics([r for r in self.results if question is None or r.question == question])

    def verdict(self) -> tuple[Verdict, list[str]]:
        return decide(self.metrics(), complete=self.complete, done=len(self.results), size=self.set_size)


# ---- the measures


def overall_level(levels: Sequence[str]) -> SetLevel:
    """The criteria levels of one review as the set's three levels: sterk 3 … ontbreekt 0, averaged;
    2.5 and up is good, 1.5 and up partial, else poor."""
    mean = sum(LEVEL_POINTS[level] for level in levels) / len(levels)
    return "good" if mean >= 2.5 else "partial" if mean >= 1.5 else "poor"


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Unweighted Cohen's kappa of (label, model) pairs; None when chance agreement is already total."""
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(1 for a, b in pairs if a == b) / n
    categories = {a for a, _ in pairs} | {b for _, b in pairs}
    expected = sum((sum(1 for a, _ in pairs if a == c) / n) * (sum(1 for _, b in pairs if b == c) / n)
                   for c in categories)
    return None if expected >= 1 else round((observed - expected) / (1 - expected), 3)


def _percentile(values: Sequence[float], share: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def compute_metrics(results: Sequence[ItemResult]) -> Metrics:
    valid = [r for r in results if r.valid and r.level is not None]
    pairs = [(r.label_level, r.level) for r in valid if r.level is not None]
    rank = {level: i for i, level in enumerate(SET_LEVELS)}
    true_pos = sum(len(set(r.missing_parts) & set(r.label_missing)) for r in valid)
    predicted = sum(len(set(r.missing_parts)) for r in valid)
    labelled = sum(len(set(r.label_missing)) for r in valid)
    given = sum(r.quotes_given for r in valid)
    seconds = [r.seconds for r in results]
    costs = [r.cost for r in results]
    return Metrics(
        answers=len(results), valid=len(valid), valid_share=_share(len(valid), len(results)) or 0.0,
        exact=_share(sum(1 for a, b in pairs if a == b), len(pairs)),
        within_one=_share(sum(1 for a, b in pairs if abs(rank[a] - rank[b]) <= 1), len(pairs)),
        kappa=cohen_kappa(pairs),
        missing_precision=_share(true_pos, predicted), missing_recall=_share(true_pos, labelled),
        quotes_found_share=_share(sum(r.quotes_found for r in valid), given),
        latency_median_s=round(statistics.median(seconds), 2) if seconds else None,
        latency_p95_s=_percentile(seconds, 0.95),
        prompt_tokens=sum(r.prompt_tokens for r in results),
        completion_tokens=sum(r.completion_tokens for r in results),
        cost=None if any(c is None for c in costs) else round(sum(c or 0.0 for c in costs), 6),
    )


def decide(metrics: Metrics, *, complete: bool, done: int, size: int,
           limits: Thresholds = THRESHOLDS) -> tuple[Verdict, list[str]]:
    """The verdict and, in Dutch, why: every minimum missed (for geschikt) or floor broken (ongeschikt)."""
    def below(value: float | None, bound: float) -> bool:
        """None is a measure that cannot be taken on these answers (no labelled missing part, no quote,
        one level only): it neither passes nor fails; a complete run always takes them."""
        return value is not None and value < bound

    def short_of(value: float | None, bound: float) -> bool:
        """For geschikt a measure must be taken and met."""
        return value is None or value < bound

    def pct(value: float | None) -> str:
        return _("geen") if value is None else f"{value:.0%}"

    floors = [
        (below(metrics.valid_share, limits.valid_floor),
         _("geldige antwoorden {value} (ondergrens {valid_floor:.0%})").format(value=pct(metrics.valid_share), valid_floor=limits.valid_floor)),
        (below(metrics.kappa, limits.kappa_floor),
         _("overeenstemming met de labels κ {value} (ondergrens {value2})").format(value=_num(metrics.kappa), value2=_num(limits.kappa_floor))),
        (below(metrics.missing_recall, limits.recall_floor),
         _(
             "ontbrekende deelvragen gevonden {value} (ondergrens {recall_floor:.0%})"
         ).format(value=pct(metrics.missing_recall), recall_floor=limits.recall_floor)),
        (below(metrics.quotes_found_share, limits.quotes_floor),
         _(
             "citaten die echt in het antwoord staan {value} (ondergrens {quotes_floor:.0%})"
         ).format(value=pct(metrics.quotes_found_share), quotes_floor=limits.quotes_floor)),
    ]
    broken = [reason for failed, reason in floors if failed]
    if broken:
        return "ongeschikt", broken
    minimums = [
        (short_of(metrics.valid_share, limits.valid_min), _(
            "geldige antwoorden {value} (nodig {valid_min:.0%})"
        ).format(value=pct(metrics.valid_share), valid_min=limits.valid_min)),
        (short_of(metrics.kappa, limits.kappa_min), _(
            "κ {value} (nodig {value2})"
        ).format(value=_num(metrics.kappa), value2=_num(limits.kappa_min))),
        (short_of(metrics.within_one, limits.within_one_min),
         _("binnen één niveau {value} (nodig {within_one_min:.0%})").format(value=pct(metrics.within_one), within_one_min=limits.within_one_min)),
        (short_of(metrics.missing_precision, limits.precision_min),
         _(
             "precisie ontbrekende deelvragen {value} (nodig {precision_min:.0%})"
         ).format(value=pct(metrics.missing_precision), precision_min=limits.precision_min)),
        (short_of(metrics.missing_recall, limits.recall_min),
         _(
             "recall ontbrekende deelvragen {value} (nodig {recall_min:.0%})"
         ).format(value=pct(metrics.missing_recall), recall_min=limits.recall_min)),
        (short_of(metrics.quotes_found_share, limits.quotes_min),
         _("citaten gevonden {value} (nodig {quotes_min:.0%})").format(value=pct(metrics.quotes_found_share), quotes_min=limits.quotes_min)),
        (not complete, _("slechts {done} van de {size} antwoorden beoordeeld (geschikt vraagt de hele ijkset)").format(done=done, size=size)),
    ]
    missed = [reason for failed, reason in minimums if failed]
    return ("twijfelachtig", missed) if missed else ("geschikt", [])


def _num(value: float | None) -> str:
    return _("geen") if value is None else dutch_number(value, 2)


# ---- stored per server + model + prompt version


def calibration_dir() -> Path:
    return locations.data_dir() / "ijking"


def calibration_path(base_url: str, model: str, prompt: str) -> Path:
    digest = hashlib.sha256(f"{base_url}|{model}|{prompt}".encode()).hexdigest()[:16]
    return calibration_dir() / f"{digest}.json"


def load(base_url: str, model: str, prompt: str) -> Calibration | None:
    """The stored calibration, or None (none yet, or unreadable: it is only a measurement, made again)."""
    try:
        data = json.loads(calibration_path(base_url, model, prompt).read_text(encoding="utf-8"))
        stored = Calibration.model_validate(data)
    except (OSError, ValueError, ValidationError):
        return None
    same = (stored.base_url, stored.model, stored.prompt) == (base_url, model, prompt)
    return stored if same and stored.set_version == load_set().version else None


def stored_verdict(base_url: str, model: str) -> tuple[Calibration, Verdict] | None:
    """The calibration of this server and model with the current review prompt, and its verdict."""
    from assistant.review.llm.prompt import load_template  # noqa: PLC0415 - no SDK behind it

    stored = load(base_url, model, load_template("review").tag)
    return (stored, stored.verdict()[0]) if stored is not None else None


UNFIT_HINT_CLI = N_(
    "Kies een sterker model, ijk opnieuw ('wse-assistant llm ijken --opnieuw'), of laat het toch "
    "lezen, enkel als advies, met --ook-ongeschikt."
)


def ensure_fit(base_url: str, model: str, *, allow_unfit: bool, hint: str = UNFIT_HINT_CLI) -> Verdict | None:
    """The stored verdict of this server and model (None: not calibrated). A model calibrated ongeschikt
    is refused before anything is sent, unless the user chose to hear it anyway (`allow_unfit`): what it
    says is then advice, never a review. Raises LLMError("unfit") with `hint` on what the user can do."""
    from assistant.review.llm.errors import LLMError  # noqa: PLC0415

    stored = stored_verdict(base_url, model)
    if stored is None:
        return None
    calibration, verdict = stored
    if verdict == "ongeschikt" and not allow_unfit:
        reasons = calibration.verdict()[1]
        raise LLMError("unfit", (
            _(
                "Het model {model} is bij de ijking ongeschikt bevonden ({count} van {set_size} antwoorden, "
                "{updated:%d-%m-%Y}: {reasons}). Wat het zegt, wordt daarom niet als beoordeling getoond; de "
                "controle door de regels blijft. {hint}"
            ).format(
                model=model,
                count=len(calibration.results),
                set_size=calibration.set_size,
                updated=calibration.updated,
                reasons="; ".join(reasons[:2]),
                hint=_(hint),
            )))
    return verdict


def latest_for(base_url: str, model: str | None) -> Calibration | None:
    """For the settings screen, which may not know the model (a local server with one): the most recent
    calibration of this server (and model, when given) with the current prompt."""
    from assistant.review.llm.prompt import load_template  # noqa: PLC0415

    prompt = load_template("review").tag
    found: list[Calibration] = []
    for path in sorted(calibration_dir().glob("*.json")) if calibration_dir().is_dir() else []:
        try:
            stored = Calibration.model_validate(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, ValidationError):
            continue
        if stored.base_url == base_url.rstrip("/") and stored.prompt == prompt and model in (None, stored.model):
            found.append(stored)
    return max(found, key=lambda c: c.updated) if found else None


def describe(calibration: Calibration | None) -> str:
    """One line on how a server and model did in `llm ijken` (`llm test`, the app's settings)."""
    if calibration is None:
        return _("IJking: nog niet geijkt met deze prompt; 'wse-assistant llm ijken' meet hoe goed dit model oordeelt.")
    verdict, _reasons = calibration.verdict()
    return _("IJking van {model}: {verdict} ({done} van {size} antwoorden, {updated:%d-%m-%Y})").format(
        model=calibration.model,
        verdict=_(VERDICT_LABELS[verdict]),
        done=len(calibration.results),
        size=calibration.set_size,
        updated=calibration.updated,
    )


def for_settings(settings: Settings) -> str:
    """The line for the app's settings screen: the configured server's latest calibration, without a request."""
    from assistant.review.llm.errors import LLMError  # noqa: PLC0415
    from assistant.review.llm.provider import resolve_endpoint  # noqa: PLC0415 - no SDK behind it

    try:
        endpoint, _key = resolve_endpoint(settings)
    except LLMError as exc:
        return _("IJking: geen taalmodel ingesteld.") if exc.kind == "off" else _("IJking: niet na te gaan ({error})").format(error=exc)
    return describe(latest_for(endpoint.base_url, endpoint.model))


def save(calibration: Calibration) -> Path:
    from assistant.draft.store import write_file_atomic  # noqa: PLC0415

    path = calibration_path(calibration.base_url, calibration.model, calibration.prompt)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file_atomic(path, calibration.model_dump_json(indent=1).encode())
    return path


# ---- running it


ItemCallback = Callable[[int, int, Item, "ItemResult | None"], None]


def run(
    settings: Settings,
    call: Call,
    *,
    session: LLMSession | None = None,
    max_items: int | None = None,
    restart: bool = False,
    on_item: ItemCallback | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> Calibration:
    """Review the set's answers not yet done (the first `max_items` of the set), saving after each one.

    `on_item(position, total, item, result)` is called before each answer (result None) and after it.
    Raises LLMError when the endpoint itself fails (connection, key, model) or on cancel; what was done
    is saved by then. A Ctrl+C (KeyboardInterrupt) likewise loses only the answer being reviewed.
    """
    from assistant.draft.workspace import new_proposal  # noqa: PLC0415
    from assistant.review.llm.errors import LLMError  # noqa: PLC0415
    from assistant.review.llm.prompt import load_template  # noqa: PLC0415
    from assistant.review.llm.review import review_with_llm  # noqa: PLC0415
    from assistant.review.llm.session import open_session  # noqa: PLC0415

    session = session or open_session(settings)
    dataset = load_set()
    prompt = load_template("review").tag
    now = datetime.now(UTC)
    existing = None if restart else load(session.endpoint.base_url, session.model, prompt)
    calibration = existing or Calibration(
        base_url=session.endpoint.base_url, provider=session.endpoint.provider, model=session.model, prompt=prompt,
        set_version=dataset.version, set_size=len(dataset.answers), currency=settings.llm.currency,
        started=now, updated=now,
    )
    done = {r.id for r in calibration.results}
    chosen = dataset.answers[:max_items] if max_items else dataset.answers
    todo = [item for item in chosen if item.id not in done]
    for position, item in enumerate(todo, start=1):
        if on_item:
            on_item(position, len(todo), item, None)
        proposal = new_proposal(f"ijking {item.id}", call)
        proposal.set_answer(item.question, item.text)
        started = time.perf_counter()
        try:
            review = review_with_llm(proposal, call, item.question, settings, session=session, no_cache=True,
                                     cancel=cancel, progress=progress)
        except LLMError as exc:
            if exc.kind in ("cancelled", "off", "config", "connection", "auth", "model", "rate"):
                raise  # the endpoint, not this answer: stop, keep what is done
            result = ItemResult(id=item.id, question=item.question, label_level=item.level,
                                label_missing=item.missing_parts, valid=False, failure=exc.kind,
                                message=str(exc)[:300], seconds=round(time.perf_counter() - started, 2))
        else:
            output = review.output
            result = ItemResult(
                id=item.id, question=item.question, label_level=item.level, label_missing=item.missing_parts,
                valid=bool(output.criteria), level=overall_level([c.level for c in output.criteria]) if output.criteria else None,
                missing_parts=output.missing_parts, quotes_given=review.quotes_given, quotes_found=review.quotes_found,
                seconds=round(time.perf_counter() - started, 2),
                first_token_s=None if review.first_token_ms is None else round(review.first_token_ms / 1000, 2),
                prompt_tokens=review.usage.prompt_tokens, completion_tokens=review.usage.completion_tokens,
                cost=review.usage.cost,
            )
        calibration.results.append(result)
        calibration.updated = datetime.now(UTC)
        save(calibration)
        if on_item:
            on_item(position, len(todo), item, result)
    if not calibration.results:
        save(calibration)
    return calibration
