"""`llm test` and `llm review FILE`: try the configured language model, review answers with it alone."""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant import exit_codes
from assistant.commands.common import add_proposal_argument, load_from_args
from assistant.config import PRESETS, Settings, load_settings
from assistant.draft.text import dutch_number
from assistant.errors import UsageError
from assistant.i18n import N_, _
from assistant.review.findings import severity_label

if TYPE_CHECKING:
    from assistant.call.models import Call
    from assistant.draft.models import Proposal
    from assistant.draft.store import ProposalFile
    from assistant.review.llm.calibration import Calibration, Metrics
    from assistant.review.llm.ladder import Progress
    from assistant.review.llm.revise import RevisionProposal
    from assistant.review.llm.session import LLMSession, Usage

# The CLI's words for the proposal's LLM privacy (stored language-free in the file).
PRIVACY_CHOICES = {"uit": "off", "alleen-lokaal": "local_only", "toegestaan": "allowed"}
PRIVACY_WORDS = {value: word for word, value in PRIVACY_CHOICES.items()}

_YES = ("j", "ja", "y", "yes")  # the English prompt says [y/N]

MODE_LABELS = {
    "json_schema": N_("JSON-schema (response_format json_schema)"),
    "json_object": N_("JSON-object met schema (response_format json_object)"),
    "prompt": N_("alleen via de prompt (de server dwingt geen JSON af)"),
}


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("llm", help=_("het taalmodel testen of er antwoorden mee beoordelen"))
    actions = parser.add_subparsers(dest="llm_action", metavar="ACTIE", required=True)
    test = actions.add_parser("test", help=_("één kleine vraag: model, antwoordtijd en gestructureerde uitvoer"))
    test.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    test.set_defaults(func=run_test)
    review = actions.add_parser("review", help=_("antwoorden laten beoordelen door het taalmodel"))
    add_proposal_argument(review)
    review.add_argument("--vraag", metavar="ID", action="append", help=_("enkel deze vraag (bv. D1a); herhaalbaar"))
    review.add_argument("--no-cache", action="store_true", help=_("opnieuw vragen, ook als het antwoord niet veranderde"))
    add_unfit_argument(review)
    review.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    review.set_defaults(func=run_review)
    interview = actions.add_parser(
        "interview", help=_("de vervolgvragen van de jury één voor één beantwoorden en een herwerkt antwoord laten voorstellen")
    )
    interview.add_argument("file", metavar="BESTAND", type=Path, help=_("voorstelbestand (.json)"))
    interview.add_argument("--vraag", metavar="ID", required=True, help=_("de vraag (bv. D1a)"))
    add_unfit_argument(interview)
    interview.set_defaults(func=run_interview)
    shorten = actions.add_parser("inkorten", help=_("een kortere versie van een te lang antwoord laten voorstellen"))
    shorten.add_argument("file", metavar="BESTAND", type=Path, help=_("voorstelbestand (.json)"))
    shorten.add_argument("--vraag", metavar="ID", required=True, help=_("de vraag (bv. D1a)"))
    add_unfit_argument(shorten)
    shorten.set_defaults(func=run_shorten)
    privacy = actions.add_parser(
        "privacy", help=_("waar de tekst van dit voorstel naartoe mag: uit, alleen-lokaal of toegestaan"),
        description=_(
            "Zonder WAARDE: toont de instelling. uit = nooit naar een taalmodel; alleen-lokaal = enkel "
            "naar een server op deze computer of het lokale netwerk (localhost of een privé-IP-adres); "
            "toegestaan = naar elke ingestelde server."
        ),
    )
    privacy.add_argument("file", metavar="BESTAND", type=Path, help=_("voorstelbestand (.json)"))
    privacy.add_argument("value", metavar="WAARDE", nargs="?", choices=sorted(PRIVACY_CHOICES),
                         help=_("uit, alleen-lokaal of toegestaan"))
    privacy.set_defaults(func=run_privacy)
    calibrate = actions.add_parser(
        "ijken", help=_("meten hoe goed het ingestelde model oordeelt, op een gelabelde ijkset (geschikt of niet)"),
        description=_(
            "Laat het ingestelde model de antwoorden van de meegeleverde ijkset beoordelen en "
            "vergelijkt dat met hun labels. Wat klaar is, wordt na elk antwoord bewaard: Ctrl+C "
            "onderbreekt, dezelfde opdracht hervat."
        ),
    )
    calibrate.add_argument("--max", type=int, metavar="N", help=_("enkel de eerste N antwoorden van de ijkset"))
    calibrate.add_argument("--opnieuw", action="store_true", help=_("niet hervatten: opnieuw beginnen"))
    calibrate.add_argument("--json", action="store_true", help=_("uitvoer als JSON"))
    calibrate.set_defaults(func=run_calibrate)


def add_unfit_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ook-ongeschikt", action="store_true",
                        help=_("ook een model dat bij 'llm ijken' ongeschikt bleek laten lezen (enkel als advies)"))


def run_test(args: argparse.Namespace) -> int:
    from assistant.review.llm.calibration import describe, stored_verdict  # noqa: PLC0415
    from assistant.review.llm.probe import probe  # noqa: PLC0415 - pulls in the openai SDK
    from assistant.review.llm.session import open_session  # noqa: PLC0415

    settings = load_settings()
    result = probe(settings, session=open_session(settings))
    stored = stored_verdict(result.base_url, result.model)
    if args.json:
        calibration = None
        if stored is not None:
            verdict, reasons = stored[0].verdict()
            calibration = {"verdict": verdict, "reasons": reasons, "answers": len(stored[0].results),
                           "set_size": stored[0].set_size, "updated": stored[0].updated.isoformat()}
        print(json.dumps(result.model_dump(mode="json") | {"calibration": calibration}, ensure_ascii=False, indent=2))
        return 0
    print(_("Server: {label} op {base_url}").format(label=PRESETS[result.provider].label, base_url=result.base_url))
    print(_("Model: {model}").format(model=result.model))
    print(_(
        "Antwoordtijd: {value:.2f} s ({prompt_tokens} + {completion_tokens} tokens)"
    ).format(
        value=result.latency_ms / 1000,
        prompt_tokens=result.prompt_tokens,
        completion_tokens=result.completion_tokens,
    ))
    print(_("Gestructureerde uitvoer: {MODE_LABELS}").format(MODE_LABELS=_(MODE_LABELS[result.mode])))
    for mode in result.refused_modes:
        print(_("  geweigerd: {MODE_LABELS}").format(MODE_LABELS=_(MODE_LABELS[mode])))
    print(describe(stored[0] if stored else None))
    return 0


class ProgressLine:
    """A live progress line on stderr while a reply streams (only on a terminal: logs stay clean)."""

    def __init__(self, stream: Any = None):
        self.stream = stream or sys.stderr
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self._shown = 0.0
        self._lock = threading.Lock()

    def __call__(self, progress: Progress) -> None:
        if not self.live or time.monotonic() - self._shown < 0.2:
            return
        with self._lock:
            self._shown = time.monotonic()
            wait = (
                _("wacht op eerste token")
                if progress.first_token_s is None
                else _("{count} tekens").format(count=progress.chars)
            )
            self.stream.write(f"\r  {progress.kind}: {wait}, {progress.seconds:.0f} s   ")
            self.stream.flush()

    def clear(self) -> None:
        if self.live:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()


def run_calibrate(args: argparse.Namespace) -> int:
    """`llm ijken`: the calibration set through the configured model; a report and a verdict, stored."""
    from assistant.call import load_call  # noqa: PLC0415
    from assistant.review.llm import calibration  # noqa: PLC0415
    from assistant.review.llm.errors import LLMError  # noqa: PLC0415
    from assistant.review.llm.session import open_session  # noqa: PLC0415 - pulls in the openai SDK

    if args.max is not None and args.max < 1:
        raise UsageError(_("--max moet minstens 1 zijn."))
    settings = load_settings()
    session = open_session(settings)
    line = ProgressLine()
    quiet = args.json
    state: dict[str, Any] = {}

    def on_item(position: int, total: int, item: Any, result: Any) -> None:
        if quiet:
            return
        if result is None:
            state["started"] = time.monotonic()
            return
        line.clear()
        outcome = (f"{calibration.SET_LABELS[result.level]:<12} (label {calibration.SET_LABELS[item.level]})"
                   if result.valid and result.level else f"ongeldig: {result.failure}")
        print(_(
            "[{position}/{total}] {id:<28} {outcome}  {seconds:.1f} s"
        ).format(position=position, total=total, id=item.id, outcome=outcome, seconds=result.seconds), file=sys.stderr, flush=True)

    stopped: LLMError | KeyboardInterrupt | None = None
    try:
        calibration.run(settings, load_call(), session=session, max_items=args.max, restart=args.opnieuw,
                        on_item=on_item, progress=None if quiet else line)
    except (KeyboardInterrupt, LLMError) as exc:
        stopped = exc
    line.clear()
    result = calibration.load(session.endpoint.base_url, session.model, _review_tag())
    if result is None or not result.results:
        if isinstance(stopped, LLMError):
            raise stopped
        print(_("Onderbroken; nog niets beoordeeld."), file=sys.stderr)
        return 130
    interrupted = None if stopped is None else "Onderbroken." if isinstance(stopped, KeyboardInterrupt) else str(stopped)
    path = calibration.calibration_path(result.base_url, result.model, result.prompt)
    verdict, reasons = result.verdict()
    if args.json:
        print(json.dumps({
            "verdict": verdict, "reasons": reasons, "complete": result.complete, "interrupted": interrupted,
            "overall": result.metrics().model_dump(),
            "questions": {q: result.metrics(q).model_dump() for q in _questions(result)},
            "stored": str(path), "calibration": result.model_dump(mode="json"),
        }, ensure_ascii=False, indent=2))
    else:
        print(render_calibration(result, path))
        if interrupted:
            print(_("\n{interrupted} Wat klaar was, is bewaard; dezelfde opdracht gaat verder waar ze stopte.").format(interrupted=interrupted))
    if isinstance(stopped, KeyboardInterrupt):
        return 130
    return 2 if stopped is not None else 0


def _review_tag() -> str:
    from assistant.review.llm.prompt import load_template  # noqa: PLC0415

    return load_template("review").tag


def _questions(result: Calibration) -> list[str]:
    return list(dict.fromkeys(sorted(r.question for r in result.results)))


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _dec(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else dutch_number(value, digits)


def render_calibration(result: Calibration, path: Path) -> str:
    from assistant.review.llm.calibration import VERDICT_LABELS  # noqa: PLC0415

    question, valid, quotes = _("vraag"), _("geldig"), _("citaten")  # column heads
    header = f"{question:<8}{'n':>4}{valid:>8}{'exact':>7}{'±1':>6}{'κ':>7}{'prec.':>7}{'recall':>7}{quotes:>9}" \
             f"{'med. s':>8}{'p95 s':>8}{'tokens':>9}"
    rows: list[tuple[str, Metrics]] = [(q, result.metrics(q)) for q in _questions(result)]
    rows.append((_("totaal"), result.metrics()))
    lines = [
        _("IJking van {model} op {base_url} (prompt {prompt}, ijkset v{version}): {done} van {size} antwoorden").format(
            model=result.model,
            base_url=result.base_url,
            prompt=result.prompt,
            version=result.set_version,
            done=len(result.results),
            size=result.set_size,
        ),
        "",
        header,
    ]
    for name, m in rows:
        lines.append(f"{name:<8}{m.answers:>4}{_pct(m.valid_share):>8}{_pct(m.exact):>7}{_pct(m.within_one):>6}"
                     f"{_dec(m.kappa):>7}{_pct(m.missing_precision):>7}{_pct(m.missing_recall):>7}"
                     f"{_pct(m.quotes_found_share):>9}{_dec(m.latency_median_s, 1):>8}{_dec(m.latency_p95_s, 1):>8}"
                     f"{m.prompt_tokens + m.completion_tokens:>9}")
    overall = result.metrics()
    cost = (_("kost onbekend") if overall.cost is None else _("geen kosten") if overall.cost == 0
            else _("geschat {cost} {currency}").format(cost=f"{overall.cost:.4f}", currency=result.currency))
    failures: dict[str, int] = {}
    for item in result.results:
        if item.failure:
            failures[item.failure] = failures.get(item.failure, 0) + 1
    lines += [
        "",
        _("Tokens: {prompt} prompt + {completion} antwoord; {cost}.").format(
            prompt=overall.prompt_tokens, completion=overall.completion_tokens, cost=cost
        ),
    ]
    if failures:
        lines.append(_("Ongeldig: ") + ", ".join(f"{n}× {kind}" for kind, n in sorted(failures.items())))
    verdict, reasons = result.verdict()
    lines += ["", _("Oordeel: {verdict}.").format(verdict=_(VERDICT_LABELS[verdict]))]
    lines += [f"  - {reason}" for reason in reasons]
    lines.append(_("Bewaard in {path}").format(path=path))
    return "\n".join(lines)


def run_review(args: argparse.Namespace) -> int:
    from assistant.review.llm.calibration import ensure_fit  # noqa: PLC0415
    from assistant.review.llm.errors import LLMError  # noqa: PLC0415
    from assistant.review.llm.provider import ensure_allowed  # noqa: PLC0415
    from assistant.review.llm.report import save_cached_reviews  # noqa: PLC0415
    from assistant.review.llm.review import llm_findings, review_with_llm  # noqa: PLC0415
    from assistant.review.llm.session import open_session  # noqa: PLC0415 - pulls in the openai SDK

    loaded = load_from_args(args)
    proposal, call = loaded.proposal, loaded.call
    settings = load_settings()
    known = [q.id for q in call.questions]
    wanted = args.vraag or [q for q in known if proposal.answer_text(q).strip()]
    unknown = [q for q in wanted if q not in known]
    if unknown:
        raise UsageError(_("Onbekende vraag {value}; kies uit {value2}.").format(value=', '.join(unknown), value2=', '.join(known)))
    if not wanted:
        raise UsageError(_("Dit voorstel heeft nog geen antwoorden om te beoordelen."))
    ensure_allowed(proposal.llm_privacy, settings)
    session = open_session(settings)
    # Refused before anything is sent; otherwise only a geschikt model's findings carry weight.
    trusted = ensure_fit(session.endpoint.base_url, session.model, allow_unfit=args.ook_ongeschikt) == "geschikt"
    reviews, failures = [], []
    line = ProgressLine()
    for question_id in wanted:
        try:
            reviews.append(review_with_llm(proposal, call, question_id, settings, session=session, no_cache=args.no_cache,
                                           progress=line))
        except LLMError as exc:
            failures.append({"question_id": question_id, "kind": exc.kind, "message": str(exc)})
            if exc.stops_session:
                break
    line.clear()
    if not loaded.is_markdown and any(not r.cached for r in reviews):
        save_cached_reviews(loaded.path, proposal)
    if args.json:
        print(json.dumps({
            "reviews": [r.model_dump(mode="json")
                        | {"findings": [f.model_dump() for f in llm_findings(r, call, trusted=trusted)]}
                        for r in reviews],
            "failures": failures,
        }, ensure_ascii=False, indent=2))
    else:
        for review in reviews:
            question = call.question(review.question_id)
            source = _("uit de cache") if review.cached else _usage_text(review.usage)
            print(_(
                "\nVraag {number} ({source}, zekerheid {confidence})"
            ).format(number=question.number, source=source, confidence=review.output.confidence))
            if review.trimmed:
                print(_("  Weggelaten uit de vraag aan het model (tokenbudget): {value}").format(value=', '.join(review.trimmed)))
            for finding in llm_findings(review, call, trusted=trusted):
                print(f"  [{severity_label(finding.severity)}] {finding.message}")
                if finding.quote:
                    print(f"      «{finding.quote}»")
        for failure in failures:
            print(_("Fout bij {question_id}: {message}").format(question_id=failure['question_id'], message=failure['message']))
    return exit_codes.BLOCKING if failures else exit_codes.OK


def _usage_text(usage: Usage) -> str:
    cost = (
        _("kost onbekend")
        if usage.cost is None
        else _("geschat {cost} {currency}").format(cost=f"{usage.cost:.4f}", currency=usage.currency)
    )
    approx = _(", benaderd") if usage.approximate else ""
    return f"{usage.prompt_tokens} + {usage.completion_tokens} tokens{approx}, {cost}"


def _ask(prompt: str) -> str:
    try:
        return input(prompt).strip()
    except EOFError:
        return ""


def run_interview(args: argparse.Namespace) -> int:
    """Review, then the follow-up questions one at a time (each reply saved at once), then on request a
    revised answer shown as a diff, applied only when the applicant accepts it."""
    from assistant.review.llm.review import record_followups, review_with_llm  # noqa: PLC0415
    from assistant.review.llm.revise import propose_followup_revision  # noqa: PLC0415

    settings = load_settings()
    with _open_for_writing(args) as (opened, call):
        proposal = opened.proposal
        session = _fit_session(proposal, settings, args)
        with _progress_line() as line:
            review = review_with_llm(proposal, call, args.vraag, settings, session=session, progress=line)
        open_questions = record_followups(proposal, args.vraag, review.output.followup_questions)
        opened.save()
        if not open_questions:
            print(_("Geen open vervolgvragen voor deze vraag."))
        for followup in open_questions:
            print(_("\nVraag van de jury: {question}").format(question=followup.question))
            reply = _ask(_("Uw antwoord (leeg = overslaan, 'stop' = stoppen): "))
            if reply.lower() == "stop":
                break
            if reply:
                followup.reply = reply
                opened.save()  # an answer typed is an answer saved
        if not any(f.reply.strip() for f in proposal.answers[args.vraag].followups):
            return 0
        if _ask(_("\nEen herwerkt antwoord laten voorstellen dat uw antwoorden verwerkt? [j/N] ")).lower() not in _YES:
            return 0
        with _progress_line() as line:
            revision = propose_followup_revision(proposal, call, args.vraag, settings, session=session, progress=line)
        _offer(opened, revision, _("vervolgvragen verwerkt"))
    return 0


def run_shorten(args: argparse.Namespace) -> int:
    """A shorter version that fits the page budget, checked by the offline rules, applied only on consent."""
    from assistant.review.llm.revise import propose_shorter  # noqa: PLC0415

    settings = load_settings()
    with _open_for_writing(args) as (opened, call):
        session = _fit_session(opened.proposal, settings, args)
        with _progress_line() as line:
            revision = propose_shorter(opened.proposal, call, args.vraag, settings, session=session, progress=line)
        _offer(opened, revision, "ingekort")
    return 0


def run_privacy(args: argparse.Namespace) -> int:
    """Show or set where this proposal's text may be sent for an LLM review."""
    from assistant.draft.store import ProposalFile  # noqa: PLC0415

    if args.file.suffix.lower() != ".json":
        raise UsageError(_("De privacy-instelling wordt in het voorstelbestand bewaard: gebruik een .json-bestand."))
    with ProposalFile(args.file, read_only=args.value is None) as opened:
        if args.value is not None and opened.proposal.llm_privacy != PRIVACY_CHOICES[args.value]:
            opened.proposal.llm_privacy = PRIVACY_CHOICES[args.value]  # type: ignore[assignment]
            opened.proposal.touch()
            opened.save()
        print(_("Taalmodel voor dit voorstel: {PRIVACY_WORDS}").format(PRIVACY_WORDS=PRIVACY_WORDS[opened.proposal.llm_privacy]))
    return 0


def _fit_session(proposal: Proposal, settings: Settings, args: argparse.Namespace) -> LLMSession:
    """The session to ask, once the proposal's privacy allows it and the model is not calibrated
    ongeschikt (unless --ook-ongeschikt): both refused before anything is sent."""
    from assistant.review.llm.calibration import ensure_fit  # noqa: PLC0415
    from assistant.review.llm.provider import ensure_allowed  # noqa: PLC0415
    from assistant.review.llm.session import open_session  # noqa: PLC0415 - pulls in the openai SDK

    ensure_allowed(proposal.llm_privacy, settings)
    session = open_session(settings)
    ensure_fit(session.endpoint.base_url, session.model, allow_unfit=args.ook_ongeschikt)
    return session


@contextmanager
def _progress_line() -> Iterator[ProgressLine]:
    line = ProgressLine()
    try:
        yield line
    finally:
        line.clear()


@contextmanager
def _open_for_writing(args: argparse.Namespace) -> Iterator[tuple[ProposalFile, Call]]:
    """The proposal file, locked for writing, with its call; the question id checked."""
    from assistant.draft.store import ProposalFile  # noqa: PLC0415
    from assistant.draft.workspace import call_for  # noqa: PLC0415

    if args.file.suffix.lower() != ".json":
        raise UsageError(_("Deze opdracht bewaart wat u aanvaardt: gebruik een voorstelbestand (.json); importeer eerst."))
    with ProposalFile(args.file) as opened:
        call = call_for(opened.proposal)
        if args.vraag not in {q.id for q in call.questions}:
            raise UsageError(_(
                "Onbekende vraag {vraag}; kies uit {value}."
            ).format(vraag=args.vraag, value=', '.join(q.id for q in call.questions)))
        yield opened, call


def _offer(opened: ProposalFile, revision: RevisionProposal, note: str) -> None:
    """Show the proposed text as a word diff; apply it as a revision with origin "suggestion" only on yes."""
    from assistant.draft.versions import diff_words, render_diff  # noqa: PLC0415

    print("\n" + render_diff(diff_words(revision.original, revision.text)))
    for change in revision.changes:
        print(f"  - {change}")
    if revision.unverified:
        print(_(
            "\nTe controleren ({count}): niet in uw antwoord, uw antwoorden op de vervolgvragen of het "
            "addendum gevonden, gemarkeerd als [CONTROLEER: …]. Wie overneemt, houdt de markeringen "
            "tot u ze nakijkt en weghaalt; 'check' meldt ze tot dan als blokkerend."
        ).format(count=len(revision.unverified)))
        for fact in revision.unverified:
            print(f"  ? {fact}")
    if _ask(_("\nDit voorstel overnemen? [j/N] ")).lower() in _YES:
        opened.proposal.set_answer(revision.question_id, revision.text, origin="suggestion", note=note)
        opened.save()
        print(_("Overgenomen; de vorige tekst blijft in de geschiedenis."))
    else:
        print(_("Niet overgenomen; uw antwoord is ongewijzigd."))
