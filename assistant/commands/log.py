"""`log`: the local log of what was sent to the language model and what came back."""

from __future__ import annotations

import argparse
import json

from assistant.i18n import _


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("log", help=_("tonen wat naar het taalmodel gestuurd werd en wat terugkwam"))
    parser.add_argument("-n", "--aantal", type=int, default=20, metavar="N", help=_("de laatste N aanvragen (standaard 20)"))
    parser.add_argument("--volledig", action="store_true", help=_("met de volledige berichten en antwoorden"))
    parser.add_argument("--json", action="store_true", help=_("de ruwe logregels (JSON Lines)"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from assistant.review.llm.log import log_path, read_entries  # noqa: PLC0415

    entries = read_entries()[-args.aantal:] if args.aantal > 0 else []
    if not entries:
        print(_("Nog niets gelogd ({value}).").format(value=log_path()))
        return 0
    for entry in entries:
        if args.json:
            print(json.dumps(entry, ensure_ascii=False))
            continue
        print(_summary(entry))
        if args.volledig:
            for message in entry.get("request", {}).get("messages", []):
                print(_("--- {value}\n{value2}").format(value=message.get('role'), value2=message.get('content')))
            response = entry.get("response") or {}
            print(_("--- antwoord\n{value}\n").format(value=response.get('content') or response.get('refusal') or ''))
    print(_("\nLogbestand: {value}").format(value=log_path()))
    return 0


def _summary(entry: dict) -> str:
    request = entry.get("request", {})
    head = f"{entry.get('at', '?')}  {entry.get('kind', '?')}  {request.get('model', '?')}  {entry.get('mode', '?')}  {entry.get('ms', '?')} ms"
    if "error" in entry:
        error = entry["error"]
        status = f"HTTP {error['status']}" if error.get("status") else error.get("type", "fout")
        return f"{head}  FOUT {status}: {(str(error.get('message') or '').splitlines() or [''])[0][:120]}"
    response = entry.get("response") or {}
    usage = response.get("usage") or {}
    tokens = f"{usage.get('prompt_tokens', '?')}+{usage.get('completion_tokens', '?')} tokens" if usage else "tokens onbekend"
    return f"{head}  {response.get('finish_reason')}  {tokens}"
