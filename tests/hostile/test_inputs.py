"""Hostile inputs end in a result or one Dutch line naming the limit, fast and without unpacking a bomb."""

from __future__ import annotations

import os

import docx

from assistant.cli import main
from assistant.draft.limits import MAX_DOCX_UNPACKED, MAX_DOCX_XML, MAX_MARKDOWN_BYTES, MB
from assistant.draft.store import read_proposal
from tests.hostile.helpers import make_proposal_file, one_dutch_line, run_cli, writer_for
from tests.hostile.makers import text_pdf, word_file, zip_bomb


def _no_unpacking(monkeypatch):
    """python-docx must never be asked to open a file the limits refuse."""

    def refuse(*args, **kwargs):
        raise AssertionError("python-docx opened a file over the limits")

    monkeypatch.setattr(docx, "Document", refuse)


def test_a_word_zip_bomb_is_refused_before_unpacking_by_import_attach_and_check(tmp_path, call, capsys, monkeypatch):
    bomb = zip_bomb(tmp_path / "bom.docx", media_bytes=MAX_DOCX_UNPACKED + MB)
    assert bomb.stat().st_size < 2 * MB
    proposal = make_proposal_file(tmp_path / "p.json", call)
    before = proposal.read_bytes()
    _no_unpacking(monkeypatch)
    for argv in (["import", bomb, "-o", tmp_path / "n.json"], ["attach", proposal, bomb], ["check", bomb]):
        code, _, err = run_cli(capsys, *argv)
        line = one_dutch_line(err)
        assert code == 2 and "pakt uit tot" in line and "200 MB" in line, line
    assert proposal.read_bytes() == before and not (tmp_path / "n.json").exists()


def test_a_word_file_with_too_much_text_is_refused_naming_the_limit(tmp_path, call, capsys, monkeypatch):
    bomb = zip_bomb(tmp_path / "tekst.docx", xml_bytes=MAX_DOCX_XML + MB)
    _no_unpacking(monkeypatch)
    code, _, err = run_cli(capsys, "import", bomb, "-o", tmp_path / "n.json")
    line = one_dutch_line(err)
    assert code == 2 and "(XML)" in line and "10 MB" in line


def test_a_pdf_renamed_to_docx_is_refused_in_dutch(tmp_path, call, capsys):
    fake = text_pdf(tmp_path / "addendum.pdf", ["Uitdagingen"]).rename(tmp_path / "addendum.docx")
    proposal = make_proposal_file(tmp_path / "p.json", call)
    for argv in (["attach", proposal, fake], ["import", fake, "-o", tmp_path / "n.json"], ["show", fake]):
        code, _, err = run_cli(capsys, *argv)
        assert code == 2 and "geen leesbaar Word-document" in one_dutch_line(err)


def test_markdown_over_the_limit_is_refused_before_reading(tmp_path, capsys):
    big = tmp_path / "groot.md"
    with big.open("wb") as handle:
        handle.truncate(MAX_MARKDOWN_BYTES + 1)  # sparse: nothing is read when the size is checked first
    for argv in (["import", big, "-o", tmp_path / "n.json"], ["check", big]):
        code, _, err = run_cli(capsys, *argv)
        line = one_dutch_line(err)
        assert code == 2 and "te groot" in line and "5 MB" in line


def test_an_addendum_with_too_much_text_is_refused_naming_the_limit(tmp_path, call, capsys):
    proposal = make_proposal_file(tmp_path / "p.json", call)
    addendum = tmp_path / "addendum.txt"
    addendum.write_text("uitdaging " * 250_000, encoding="utf-8")  # 2.5 million characters
    code, _, err = run_cli(capsys, "attach", proposal, addendum)
    assert code == 2 and "2.000.000 tekens" in one_dutch_line(err)
    assert not read_proposal(proposal).attachments


def test_an_aes_encrypted_addendum_that_opens_without_a_password_is_read(tmp_path, call, capsys):
    proposal = make_proposal_file(tmp_path / "p.json", call)
    pdf = text_pdf(tmp_path / "addendum.pdf", ["Uitdagingen", "1. Mobiliteit in Assenede"], user_password="")
    code, out, _ = run_cli(capsys, "attach", proposal, pdf)
    assert code == 0 and "toegevoegd" in out
    assert "Mobiliteit in Assenede" in read_proposal(proposal).addendum().text


def test_an_addendum_that_needs_a_password_is_refused_clearly(tmp_path, call, capsys):
    proposal = make_proposal_file(tmp_path / "p.json", call)
    pdf = text_pdf(tmp_path / "addendum.pdf", ["Uitdagingen"], user_password="geheim")
    code, _, err = run_cli(capsys, "attach", proposal, pdf)
    assert code == 2 and "wachtwoord" in one_dutch_line(err)


def test_a_damaged_pdf_is_refused_in_dutch(tmp_path, call, capsys):
    proposal = make_proposal_file(tmp_path / "p.json", call)
    pdf = text_pdf(tmp_path / "addendum.pdf", ["Uitdagingen"])
    pdf.write_bytes(pdf.read_bytes()[:200])
    code, _, err = run_cli(capsys, "attach", proposal, pdf)
    assert code == 2 and "PDF" in one_dutch_line(err)


def test_a_normal_word_addendum_still_attaches(tmp_path, call, capsys):
    proposal = make_proposal_file(tmp_path / "p.json", call)
    code, _, _ = run_cli(capsys, "attach", proposal, word_file(tmp_path / "addendum.docx"))
    assert code == 0 and "Mobiliteit" in read_proposal(proposal).addendum().text


def test_an_unexpected_error_is_one_dutch_line_exit_2_and_a_crash_log(tmp_path, capsys, monkeypatch, isolated_home):
    import assistant.commands.show as show

    def broken(args):
        raise ZeroDivisionError("een fout die niemand verwachtte")

    monkeypatch.setattr(show, "run", broken)
    code = main(["show", str(tmp_path / "x.json")])
    err = capsys.readouterr().err
    line = one_dutch_line(err)
    log = isolated_home / "data" / "log" / "crash.log"
    assert code == 2 and "onverwachte fout" in line and str(log) in line
    details = log.read_text(encoding="utf-8")
    assert "Traceback" in details and "ZeroDivisionError: een fout die niemand verwachtte" in details


def test_the_crash_log_never_holds_the_api_key(tmp_path, capsys, monkeypatch, isolated_home):
    import assistant.commands.show as show
    import assistant.errors as errors

    key = "sk-test-0123456789abcdef"
    monkeypatch.setattr(errors, "_secrets", set())
    errors.keep_secret(key)

    def broken(args):
        raise RuntimeError(f"server said: invalid key {key}")

    monkeypatch.setattr(show, "run", broken)
    assert main(["show", str(tmp_path / "x.json")]) == 2
    assert key not in capsys.readouterr().err
    details = (isolated_home / "data" / "log" / "crash.log").read_text(encoding="utf-8")
    assert "RuntimeError: server said: invalid key ***" in details and key not in details


def test_a_command_that_fails_to_load_is_one_dutch_line_too(capsys, monkeypatch):
    import assistant.cli as cli

    def broken(name):
        raise ImportError("a damaged installation")

    monkeypatch.setattr(cli, "command_module", broken)
    code = main(["show", "x.json"])
    assert code == 2 and "onverwachte fout" in one_dutch_line(capsys.readouterr().err)


def test_a_folder_given_as_file_is_named_a_folder_by_import_attach_and_check(tmp_path, call, capsys):
    proposal = make_proposal_file(tmp_path / "p.json", call)
    before = proposal.read_bytes()
    for name in ("map.md", "map.docx"):
        (tmp_path / name).mkdir()
        for argv in (["import", tmp_path / name, "-o", tmp_path / "n.json"], ["attach", proposal, tmp_path / name], ["check", tmp_path / name]):
            code, _, err = run_cli(capsys, *argv)
            line = one_dutch_line(err)
            assert code == 2 and "is een map" in line and "bestaat niet" not in line, (argv, line)
    assert proposal.read_bytes() == before and not (tmp_path / "n.json").exists()


def test_a_pipe_given_as_file_is_refused_at_once_by_import_attach_check_and_versions(tmp_path, call, capsys):
    proposal = make_proposal_file(tmp_path / "p.json", call)
    before = proposal.read_bytes()
    for name in ("pijp.json", "pijp.md", "pijp.docx"):
        fifo = tmp_path / name
        os.mkfifo(fifo)
        with writer_for(fifo) as read:
            commands = [["check", fifo]]
            if name.endswith(".json"):
                commands.append(["versions", fifo, "list"])
            else:  # what import and attach take
                commands += [["import", fifo, "-o", tmp_path / "n.json"], ["attach", proposal, fifo]]
            for argv in commands:
                code, _, err = run_cli(capsys, *argv)
                line = one_dutch_line(err)
                assert code == 2 and "geen gewoon bestand" in line and not read.is_set(), (argv, line)
    assert proposal.read_bytes() == before and not (tmp_path / "n.json").exists()


def test_a_proposal_is_not_written_under_a_word_or_markdown_name(tmp_path, capsys):
    source = tmp_path / "in.md"
    source.write_text("# D. Projectvoorstel\n## 1a\nIn Eeklo op maat.\n", encoding="utf-8")
    for argv in (["import", source, "-o", tmp_path / "nieuw.docx"], ["new", "Vzw X", "-o", tmp_path / "uit.md"]):
        code, _, err = run_cli(capsys, *argv)
        line = one_dutch_line(err)
        assert code == 2 and ".json" in line and "export" in line, (argv, line)
    assert not (tmp_path / "nieuw.docx").exists() and not (tmp_path / "uit.md").exists()


def test_a_question_or_field_twice_in_markdown_loses_nothing_and_says_so(tmp_path, capsys):
    source = tmp_path / "dubbel.md"
    source.write_text(
        "# B. Kenmerken kandidaat\nDeelnemer / Organisatie: Vzw Een\nDeelnemer / Organisatie: Vzw Twee\n"
        "# D. Projectvoorstel\n## 1a\nEerste versie van 1a.\n## 1b\nOver 1b.\n## 1a\nTweede versie van 1a.\n",
        encoding="utf-8",
    )
    code, _, err = run_cli(capsys, "import", source, "-o", tmp_path / "p.json")
    proposal = read_proposal(tmp_path / "p.json")
    assert code == 0 and proposal.answer_text("D1a") == "Eerste versie van 1a.\n\nTweede versie van 1a."
    assert proposal.fields["B.organisatie"] == "Vzw Twee"
    assert "regel 9: vraag 1a staat een tweede keer" in err and "niet 'Vzw Een'" in err


def test_thousands_of_unknown_lines_are_summed_up_not_listed(tmp_path, capsys):
    source = tmp_path / "ruis.md"
    source.write_text("# D. Projectvoorstel\n## 1a\nIn Eeklo.\n" + "# ruis\n" * 5000, encoding="utf-8")
    code, _, err = run_cli(capsys, "import", source, "-o", tmp_path / "p.json")
    assert code == 0 and len(err.splitlines()) < 30 and "nog 4980 regels niet overgenomen" in err


def test_a_deadline_in_the_year_one_and_a_pasted_page_as_version_name_are_refused(tmp_path, call, capsys):
    proposal = make_proposal_file(tmp_path / "p.json", call)
    code, _, err = run_cli(capsys, "settings", proposal, "--deadline", "0001-01-01")
    assert code == 2 and "typfout" in one_dutch_line(err)
    code, _, err = run_cli(capsys, "versions", proposal, "save", "x" * 100_000)
    assert code == 2 and "hoogstens 100 tekens" in one_dutch_line(err)
    assert read_proposal(proposal).deadline is None and not read_proposal(proposal).versions


def test_one_imported_answer_is_one_antwoord(tmp_path, capsys):
    source = tmp_path / "een.md"
    source.write_text("# D. Projectvoorstel\n## 1a\nIn Eeklo op maat.\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "import", source, "-o", tmp_path / "p.json")
    assert code == 0 and out.strip().endswith("nieuw voorstel met 1 antwoord")
