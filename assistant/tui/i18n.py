"""The TUI's labels in Dutch (default) and English. Keys are short English names."""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

Language = Literal["nl", "en"]

_MESSAGES: dict[str, tuple[str, str]] = {
    # start screen
    "start.title": ("Kandidatuur lokaal partnerschap", "Candidacy for the local partnership"),
    "start.none": ("Nog geen voorstellen. Begin met 'Nieuw voorstel'.", "No proposals yet. Start with 'New proposal'."),
    "start.new": ("Nieuw voorstel", "New proposal"),
    "start.open": ("Bestand openen", "Open a file"),
    "start.import": ("Markdown of Word inlezen", "Import Markdown or Word"),
    "start.columns": ("Naam|Niveau per vraag|Blok.|Pag. D|Gewijzigd|Deadline|Notities|Organisatie|Werkingsgebied|Oproep|Bestand",
                      "Name|Level per question|Block.|Pages D|Changed|Deadline|Notes|Organisation|Area|Call|File"),
    "start.search": ("Zoeken in namen en antwoorden (/)", "Search names and answers (/)"),
    "start.none_found": ("Geen voorstellen in deze weergave (f: filter, / zoeken).", "No proposals in this view (f: filter, / search)."),
    "start.state": ("{shown}/{total} · {view} · op {sort}", "{shown}/{total} · {view} · by {sort}"),
    "start.unreadable": ("{count} onleesbaar (wse-assistant status).", "{count} unreadable (wse-assistant status)."),
    "desk.choose": ("Kies eerst een voorstel in de lijst.", "Choose a proposal in the list first."),
    "desk.failed": ("Niet gelukt", "Not done"),
    "desk.restore_first": ("Dit voorstel staat in het archief of de prullenbak: zet het eerst terug (h).",
                           "This proposal is archived or in the trash: restore it first (h)."),
    "desk.rename_title": ("Voorstel hernoemen", "Rename proposal"),
    "desk.rename_label": ("Nieuwe naam (ook het bestand krijgt die naam)", "New name (the file is renamed too)"),
    "desk.rename_ok": ("Hernoemen", "Rename"),
    "desk.rename_done": ("Hernoemd: {name}", "Renamed: {name}"),
    "desk.duplicate_title": ("Dupliceren: '{name}' als begin voor een nieuwe klant", "Duplicate '{name}' for a new client"),
    "desk.duplicate_label": ("Naam van het nieuwe voorstel (sectie B blijft leeg, de antwoorden worden overgenomen)",
                             "Name of the new proposal (section B stays empty, the answers are copied)"),
    "desk.duplicate_ok": ("Dupliceren", "Duplicate"),
    "desk.duplicate_done": ("Nieuw voorstel: {name}. Pas de overgenomen antwoorden aan voor deze klant.",
                            "New proposal: {name}. Adapt the copied answers for this client."),
    "desk.archive_done": ("Gearchiveerd: {name} (f: archief, h: terugzetten)", "Archived: {name} (f: archive, h: restore)"),
    "desk.delete_title": ("'{name}' naar de prullenbak?", "Move '{name}' to the trash?"),
    "desk.delete_text": ("Het bestand wordt niet gewist: u zet het terug in de prullenbak (f) met h.",
                         "The file is not erased: restore it from the trash (f) with h."),
    "desk.delete_ok": ("Naar de prullenbak", "Move to the trash"),
    "desk.delete_done": ("Naar de prullenbak: {name} (f: prullenbak, h: terugzetten)", "Moved to the trash: {name} (f: trash, h: restore)"),
    "copy.title": ("Antwoord op vraag {number} overnemen", "Copy the answer to question {number}"),
    "copy.label": ("Uit welk voorstel?", "From which proposal?"),
    "copy.ok": ("Overnemen", "Copy"),
    "copy.none": ("Geen ander voorstel in de datamap beantwoordt deze vraag.", "No other proposal in the data folder answers this question."),
    "copy.no_question": ("Kies eerst een vraag (F2).", "Choose a question first (F2)."),
    "copy.same": ("Dit antwoord is al gelijk aan dat van het andere voorstel.", "This answer is already the same as the other proposal's."),
    "copy.replace_title": ("Vraag {number} heeft al een antwoord. Vervangen?", "Question {number} has an answer. Replace it?"),
    "copy.replace_text": ("Het huidige antwoord blijft bewaard in de geschiedenis (Versies, F6).",
                          "The current answer stays in the history (Versions, F6)."),
    "copy.replace_ok": ("Vervangen", "Replace"),
    "copy.done": ("Overgenomen uit {file}. Pas het aan voor deze klant: tot dan meldt de nalezing het.",
                  "Copied from {file}. Adapt it for this client: until then the review says so."),
    "desk.restore_done": ("Teruggezet: {name}", "Restored: {name}"),
    # dialogs
    "new.title": ("Nieuw voorstel", "New proposal"),
    "new.name": ("Naam van het voorstel (bv. uw organisatie)", "Name of the proposal (e.g. your organisation)"),
    "new.call": ("Oproep", "Call"),
    "new.create": ("Aanmaken", "Create"),
    "new.name_missing": ("Geef een naam.", "Enter a name."),
    "open.title": ("Bestand openen", "Open a file"),
    "open.import_title": ("Markdown of Word inlezen", "Import Markdown or Word"),
    "open.path": ("Pad naar het bestand", "Path to the file"),
    "open.ok": ("Openen", "Open"),
    "open.import_ok": ("Inlezen", "Import"),
    "open.missing": ("Kies een bestand.", "Choose a file."),
    "cancel": ("Annuleren", "Cancel"),
    "close": ("Sluiten", "Close"),
    # round 2: the pitch
    "pitch.title": ("Pitch voor ronde 2 en de vragen van de jury", "Round-2 pitch and the jury's questions"),
    "pitch.minutes": ("Minuten", "Minutes"),
    "pitch.rebuild": ("Opnieuw", "Rebuild"),
    "pitch.bad_minutes": ("'{value}' is geen aantal minuten.", "'{value}' is not a number of minutes."),
    "pitch.rehearse": ("Oefenen", "Rehearse"),
    "rehearsal.title": ("Oefenen: vraag {number} van {total} – {member}", "Rehearsal: question {number} of {total} – {member}"),
    "rehearsal.check": ("Controleren", "Check"),
    "rehearsal.next": ("Volgende vraag", "Next question"),
    "rehearsal.none": ("Geen vragen om te oefenen.", "No questions to rehearse."),
    "rehearsal.clean": ("Niets gevonden dat het voorstel tegenspreekt of eraan toevoegt.",
                        "Nothing found that contradicts the proposal or goes beyond it."),
    # interview
    "nav.fields": ("Gegevens ({sections})", "Details ({sections})"),
    "nav.questions": ("Vragen ({section})", "Questions ({section})"),
    "q.guidance": ("Wat de jury zoekt", "What the jury looks for"),
    "q.whole_hint": ("Ctrl+T: hele vraag", "Ctrl+T: whole question"),
    "q.parts": ("Deelvragen", "Sub-parts"),
    "q.placeholder": ("Typ hier uw antwoord…", "Type your answer here…"),
    "q.read_only": ("Alleen-lezen: wijzigingen worden niet bewaard.", "Read-only: changes are not saved."),
    "side.findings": ("Bevindingen", "Findings"),
    "side.no_review": ("Nog geen nalezing: begin te typen.", "No review yet: start typing."),
    "side.no_findings": ("Geen opmerkingen.", "No remarks."),
    "side.llm": ("AI-nalezing", "AI review"),
    "side.llm_off": ("AI staat uit (Instellingen, F9). De offline nalezing werkt altijd.",
                     "AI is off (Settings, F9). The offline review always works."),
    "side.llm_idle": ("Druk F5 om dit antwoord door de AI te laten nalezen.", "Press F5 to have the AI review this answer."),
    "side.llm_busy": ("AI leest na… (Esc annuleert)", "AI is reviewing… (Esc cancels)"),
    "side.llm_cancelled": ("AI-nalezing geannuleerd.", "AI review cancelled."),
    "side.followups": ("Vervolgvragen", "Follow-up questions"),
    "side.suggestion": ("Voorgestelde herschrijving", "Suggested revision"),
    "side.accept": ("Overnemen", "Accept"),
    "side.reject": ("Verwerpen", "Reject"),
    "side.revise": ("Herschrijving vragen", "Ask for a revision"),
    "side.reply": ("Uw antwoord (Enter bewaart)", "Your reply (Enter saves)"),
    "side.followups_done": ("Alle vervolgvragen beantwoord.", "Every follow-up question answered."),
    "side.revising": ("AI herschrijft… (Esc annuleert)", "AI is rewriting… (Esc cancels)"),
    "side.check_facts": ("Te controleren ({count}): niet in uw antwoord, uw antwoorden of het addendum gevonden. "
                         "Na overnemen blijven ze gemarkeerd als [CONTROLEER: …] tot u ze nakijkt en weghaalt.",
                         "To check ({count}): not found in your answer, your replies or the addendum. Once accepted "
                         "they stay marked [CONTROLEER: …] until you check and remove the mark."),
    "side.privacy": ("Privacy van dit voorstel: {value} (F9)", "Privacy of this proposal: {value} (F9)"),
    "side.privacy_off": ("AI staat uit voor dit voorstel (privacy: uit; wijzig in Instellingen, F9). "
                         "De offline nalezing werkt altijd.",
                         "AI is off for this proposal (privacy: off; change it in Settings, F9). "
                         "The offline review always works."),
    "privacy.off": ("uit", "off"),
    "privacy.local_only": ("alleen lokaal", "local only"),
    "privacy.allowed": ("toegestaan", "allowed"),
    "fields.engagement": ("Ik bevestig dit engagement namens de organisatie.", "I confirm this commitment for the organisation."),
    "fields.other": ("Andere rechtsvorm", "Other legal form"),
    "fields.choose": ("Kies…", "Choose…"),
    "meter.label": ("Sectie {section}", "Section {section}"),
    "meter.rendered": ("gerenderd", "rendered"),
    "meter.inexact": ("niet exact", "not exact"),
    "meter.inexact_notice": ("Paginatelling {note}.", "Page count {note}."),
    "meter.counting": ("pagina's tellen…", "counting pages…"),
    # states and levels
    "level.sterk": ("sterk", "strong"),
    "level.voldoende": ("voldoende", "sufficient"),
    "level.zwak": ("zwak", "weak"),
    "level.ontbreekt": ("ontbreekt", "missing"),
    "state.empty": ("leeg", "empty"),
    "state.draft": ("ontwerp", "draft"),
    "state.unconfirmed": ("nog niet bevestigd", "not confirmed yet"),
    # notices
    "saved.error": ("Opslaan mislukt: {error} Uw tekst blijft in het venster; probeer opnieuw.",
                    "Saving failed: {error} Your text stays in the window; try again."),
    "readonly.notice": (
        "Dit bestand is alleen-lezen (bestandsrechten): u kunt het bekijken, wijzigingen worden niet bewaard.",
        "This file is read-only (permissions): you can look at it, changes are not saved.",
    ),
    "locked.notice": ("Dit voorstel is al geopend in een ander venster. Het is nu alleen-lezen geopend.",
                      "This proposal is open in another window. It is opened read-only."),
    "imported.into": ("{source} is ingelezen in een nieuw voorstel: {path}", "{source} was read into a new proposal: {path}"),
    "imported.unmapped": ("{count} regel(s) niet overgenomen: {first}", "{count} line(s) not taken over: {first}"),
    "imported.misplaced": ("Nakijken, mogelijk onder de verkeerde vraag: {lines}", "Check, maybe under the wrong question: {lines}"),
    # other screens
    "changes.title": ("Wijzigingen uit Word: {source}", "Changes from Word: {source}"),
    "changes.intro": (
        "{count} bijgehouden wijziging(en) van {authors}. Niets wordt overgenomen tot u kiest: per wijziging "
        "(a/v) of per vraag (A/V), dan Toepassen (t).",
        "{count} tracked change(s) by {authors}. Nothing is taken over until you choose: per change (a/v) "
        "or per question (A/V), then Apply (t).",
    ),
    "changes.columns": ("Besluit|Vraag|Wie|Wijziging", "Decision|Question|Who|Change"),
    "changes.accept": ("Aanvaarden", "Accept"),
    "changes.reject": ("Verwerpen", "Reject"),
    "changes.accept_question": ("Vraag aanvaarden", "Accept question"),
    "changes.reject_question": ("Vraag verwerpen", "Reject question"),
    "changes.accept_all": ("Alles aanvaarden", "Accept all"),
    "changes.apply": ("Toepassen", "Apply"),
    "changes.cancel": ("Niets overnemen", "Take nothing"),
    "changes.undecided": (
        "Nog {count} wijziging(en) zonder besluit: kies eerst aanvaarden of verwerpen.",
        "{count} change(s) still undecided: accept or reject them first.",
    ),
    "changes.fields": ("A–C", "A–C"),
    "changes.applied": (
        "{accepted} wijziging(en) aanvaard, {rejected} verworpen; {changed} onderdeel/onderdelen bijgewerkt.",
        "{accepted} change(s) accepted, {rejected} rejected; {changed} item(s) updated.",
    ),
    "changes.cancelled": (
        "Geen wijzigingen uit Word overgenomen; de tekst blijft zoals vóór de wijzigingen. "
        "Lees het bestand opnieuw in om ze toch te bekijken.",
        "No changes from Word taken over; the text stays as before them. Read the file again to review them.",
    ),
    "changes.open_title": ("Word-bestand van de klant inlezen", "Read the client's Word file"),
    "changes.open_ok": ("Inlezen", "Read"),
    "notes.title": ("Opmerkingen van de klant", "The client's comments"),
    "notes.none": ("Geen open opmerkingen van de klant.", "No open comments from the client."),
    "notes.columns": ("Nr|Vraag|Van|Opmerking", "No|Question|From|Comment"),
    "notes.done": ("Afgehandeld", "Done"),
    "notes.added": ("{count} opmerking(en) van de klant als notitie bewaard (F12).", "{count} comment(s) from the client kept as notes (F12)."),
    "notes.own": (
        "{count} eigen opmerking(en) van wse-assistant herkend en niet overgenomen.",
        "{count} of wse-assistant's own comment(s) recognised and left out.",
    ),
    "side.notes": ("Opmerkingen van de klant (F12 afhandelen)", "The client's comments (F12 to mark done)"),
    "versions.title": ("Versies", "Versions"),
    "versions.name": ("Naam voor deze versie", "Name for this version"),
    "versions.save": ("Versie bewaren", "Save version"),
    "versions.saved": ("Versie '{name}' bewaard.", "Version '{name}' saved."),
    "versions.none": ("Nog geen versies bewaard.", "No versions saved yet."),
    "versions.compare": ("Vergelijken", "Compare"),
    "versions.same": ("Geen verschillen.", "No differences."),
    "versions.current": ("huidige tekst", "current text"),
    "export.title": ("Exporteren", "Export"),
    "export.format": ("Formaat", "Format"),
    "export.path": ("Doelbestand", "Target file"),
    "export.write": ("Schrijven", "Write"),
    "export.force": ("Toch schrijven (boven de paginalimiet)", "Write anyway (over the page limit)"),
    "export.comments": ("Bevindingen als opmerkingen (niet voor de jury)", "Findings as comments (not for the jury)"),
    "export.blocking": ("Blokkerende problemen", "Blocking problems"),
    "export.none_blocking": ("Geen blokkerende problemen.", "No blocking problems."),
    "export.done": ("Geschreven: {path}", "Written: {path}"),
    "export.overwrite": ("Overschrijven", "Overwrite"),
    "export.confirm_overwrite": (
        "Druk op Overschrijven om het te vervangen; het vorige blijft bewaard als reservekopie.",
        "Press Overwrite to replace it; the previous file is kept as a backup.",
    ),
    "addendum.title": ("Lokaal addendum", "Local addendum"),
    "addendum.attach": ("Toevoegen", "Attach"),
    "addendum.none": ("Nog geen addendum toegevoegd.", "No addendum attached yet."),
    "addendum.current": ("Toegevoegd: {name}", "Attached: {name}"),
    "settings.title": ("Instellingen", "Settings"),
    "settings.language": ("Taal", "Language"),
    "settings.llm_enabled": ("AI-nalezing gebruiken (uit = niets verlaat deze computer)",
                             "Use AI review (off = nothing leaves this computer)"),
    "settings.provider": ("Aanbieder", "Provider"),
    "settings.base_url": ("Basis-URL", "Base URL"),
    "settings.model": ("Model", "Model"),
    "settings.key": ("API-sleutel (verborgen)", "API key (hidden)"),
    "settings.privacy": ("Taalmodel voor dit voorstel (privacy)", "Language model for this proposal (privacy)"),
    "settings.privacy_off": ("uit: niets van dit voorstel verlaat deze computer", "off: nothing of this proposal leaves this computer"),
    "settings.privacy_local": ("alleen lokaal: enkel een server op deze computer of het lokale netwerk",
                               "local only: only a server on this computer or the local network"),
    "settings.privacy_allowed": ("toegestaan: de ingestelde server", "allowed: the configured server"),
    "settings.client": ("Voor deze klant (in het voorstel bewaard)", "For this client (kept in the proposal)"),
    "settings.client_language": ("Taal van de app voor dit voorstel", "The app's language for this proposal"),
    "settings.client_language_app": ("zoals de app", "as the app"),
    "settings.deadline": ("Deadline van deze klant (31/12/2026; leeg = geen)", "This client's deadline (31/12/2026; empty = none)"),
    "deadline.left": ("deadline {date}, nog {days} d.", "deadline {date}, {days} days left"),
    "deadline.today": ("deadline vandaag ({date})", "deadline today ({date})"),
    "deadline.passed": ("deadline {date} verstreken ({days} d. geleden)", "deadline {date} passed ({days} days ago)"),
    "settings.save": ("Bewaren", "Save"),
    "settings.calibrate": ("Model ijken…", "Calibrate model…"),
    # `llm ijken` in the app
    "cal.title": ("Model ijken", "Calibrate the model"),
    "cal.intro": ("Het ingestelde model beoordeelt de {size} antwoorden van de ijkset; dat wordt met hun labels "
                  "vergeleken. Elk antwoord wordt meteen bewaard: stoppen en later verdergaan kan.",
                  "The configured model judges the {size} answers of the calibration set, compared with their "
                  "labels. Every answer is saved at once: you can stop and go on later."),
    "cal.max": ("Aantal", "Number"),
    "cal.max_all": ("alle", "all"),
    "cal.max_invalid": ("Het aantal antwoorden moet minstens 1 zijn.", "The number of answers must be at least 1."),
    "cal.restart": ("opnieuw beginnen (anders verder waar de vorige stopte)",
                    "start over (otherwise on from where the last one stopped)"),
    "cal.start": ("Starten", "Start"),
    "cal.stop": ("Stoppen", "Stop"),
    "cal.close": ("Sluiten", "Close"),
    "cal.connecting": ("Verbinden met het taalmodel…", "Connecting to the language model…"),
    "cal.current": ("Antwoord {position} van de {total} nog te beoordelen: {id}", "Answer {position} of the {total} to do: {id}"),
    "cal.judged": ("oordeel {level} (label {label})", "judged {level} (label {label})"),
    "cal.invalid": ("ongeldig ({failure})", "invalid ({failure})"),
    "cal.stopping": ("Stoppen…", "Stopping…"),
    "cal.stopped": ("Gestopt. Wat klaar was, is bewaard; 'Starten' gaat verder waar de ijking stopte.",
                    "Stopped. What was done is saved; 'Start' goes on where the calibration stopped."),
    "cal.done": ("Klaar.", "Done."),
    "settings.saved": ("Instellingen bewaard in {path}.", "Settings saved in {path}."),
    "help.title": ("Hulp: toetsen", "Help: keys"),
    # a streamed LLM reply, and a model calibrated ongeschikt
    "llm.progress_waiting": ("wacht op het eerste token, {seconds} s", "waiting for the first token, {seconds} s"),
    "llm.progress_streaming": ("{chars} tekens ontvangen, {seconds} s", "{chars} characters received, {seconds} s"),
    "side.llm_progress": ("AI leest na: {progress} (Esc annuleert)", "AI is reviewing: {progress} (Esc cancels)"),
    "unfit.title": ("Ongeschikt model", "Unfit model"),
    "unfit.anyway": ("Toch laten lezen (enkel advies)", "Read it anyway (advice only)"),
    # Textual's own texts that a user sees: the command palette and the keys shown in the footer
    "palette.key": ("opdrachten", "commands"),
    "palette.search": ("Zoek een opdracht…", "Search for commands…"),
    "palette.themes": ("Zoek een thema…", "Search for themes…"),
    "palette.theme": ("Thema", "Theme"),
    "palette.theme_help": ("Kies de kleuren van het scherm (licht of donker)", "Change the current theme"),
    "palette.quit": ("Afsluiten", "Quit"),
    "palette.quit_help": ("Alles bewaren en het programma sluiten", "Save everything and quit"),
    "palette.maximize": ("Maximaliseren", "Maximize"),
    "palette.maximize_help": ("Het gekozen onderdeel over het hele scherm tonen", "Maximize the focused widget"),
    "palette.minimize": ("Normale grootte", "Minimize"),
    "palette.minimize_help": ("Terug naar de gewone indeling", "Restore the normal layout"),
    "palette.screenshot": ("Schermafdruk", "Screenshot"),
    "palette.screenshot_help": ("Het scherm bewaren als SVG-afbeelding", "Save an SVG screenshot of the screen"),
    "key.dismiss_menu": ("Menu sluiten", "Close menu"),
}

_language: Language = "nl"


def set_language(language: Language) -> None:
    global _language
    _language = language


def language() -> Language:
    return _language


def t(key: str, **values: object) -> str:
    """The label for `key` in the current language, with {placeholders} filled in."""
    nl, en = _MESSAGES[key]
    text = en if _language == "en" else nl
    return text.format(**values) if values else text


# Textual's widgets describe their keys in English; the footer shows these descriptions.
_TEXTUAL_KEYS = {"Dismiss menu": "key.dismiss_menu"}


class TranslatedKeys:
    """Mixin for a screen with a footer: the keys of Textual's own widgets described in the user's language."""

    @property
    def active_bindings(self) -> dict[str, Any]:
        bindings = super().active_bindings  # type: ignore[misc]
        for key, active in bindings.items():
            label = _TEXTUAL_KEYS.get(active.binding.description)
            if label is not None:
                bindings[key] = active._replace(binding=dataclasses.replace(active.binding, description=t(label)))
        return bindings
