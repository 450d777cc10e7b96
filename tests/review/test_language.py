from assistant.review.language import analyse, compile_cue, cue_hits, sentences, stem


def test_inflections_of_one_word_share_a_stem():
    assert stem("samenwerking") == stem("samengewerkt") == stem("samenwerken")
    assert stem("geleerd") == stem("leren")
    assert stem("uitdagingen") == stem("uitdaging")


def test_cue_forms_match_words_stems_compounds_phrases_and_cooccurrence():
    analysis = analyse(
        "Sinds 2016 werken we samen met het OCMW van Eeklo in een maandelijks casusoverleg. "
        "Dat samenwerkingsverband liep goed.\n\nWe hebben toen veel samengewerkt met de VDAB-werkwinkel."
    )
    hits = cue_hits(
        ["samenwerking", "samenwerk*", "*overleg", "sinds+ocmw", "vdab werkwinkel", "werkwinkel vdab", "stuurgroep"],
        analysis,
    )
    assert hits == {
        "samenwerking": {2},  # "samengewerkt": same stem
        "samenwerk*": {1},  # "samenwerkingsverband": a word that starts with it
        "*overleg": {0},  # "casusoverleg": a word that ends with it
        "sinds+ocmw": {0},  # both in one sentence
        "vdab werkwinkel": {2},  # consecutive words, the hyphen splits
    }


def test_a_phrase_is_not_read_across_two_sentences():
    # The last word of one sentence and the first of the next are not consecutive words.
    analysis = analyse("We werken samen met de VDAB. Werkwinkel Eeklo opent in mei. Ook de vdab werkwinkel doet mee.")
    assert cue_hits(["vdab werkwinkel", "mei ook"], analysis) == {"vdab werkwinkel": {2}}


def test_cues_that_stem_alike_count_once():
    analysis = analyse("Wij hebben ervaring. Onze ervaren medewerkers.")
    assert list(cue_hits(["ervaring", "ervaren", "ervaringen"], analysis)) == ["ervaring"]


def test_compile_cue_is_cached_and_parses_groups():
    cue = compile_cue("belang+partnerschap")
    assert compile_cue("belang+partnerschap") is cue
    assert len(cue.groups) == 2


def test_sentences_respect_abbreviations_list_items_and_heading_lines():
    paragraph = (
        "We werken o.a. met het CAW, bv. in Zelzate. Daarna volgt een tweede zin.\n"
        "ii. Gelijkwaardigheid\n"
        "Elke partner heeft één stem.\n"
        "- een opsomming\n"
        "- nog een punt"
    )
    assert sentences(paragraph) == [
        "We werken o.a. met het CAW, bv. in Zelzate.",
        "Daarna volgt een tweede zin.",
        "ii. Gelijkwaardigheid",
        "Elke partner heeft één stem.",
        "- een opsomming",
        "- nog een punt",
    ]


def test_wrapped_prose_lines_stay_one_sentence():
    paragraph = "Wij begeleiden sinds 2019 jaarlijks ongeveer veertig mensen uit\nEvergem en Zelzate naar werk."
    assert sentences(paragraph) == [" ".join(paragraph.split())]


def test_analysis_is_cached_by_text_and_counts_words_and_paragraphs():
    text = "Eerste alinea met vijf woorden.\n\nTweede alinea."
    first = analyse(text)
    assert analyse(text) is first
    assert first.word_count == 7
    assert len(first.paragraphs) == 2 and [s.paragraph for s in first.sentences] == [0, 1]


def test_a_compiled_cue_matches_as_its_written_form_does():
    analysis = analyse("Onze samenwerking met het OCMW loopt goed. De trajectbegeleiding duurt een jaar.")
    written = ["samenwerk*", "*begeleiding", "ocmw+jaar"]
    assert cue_hits([compile_cue(c) for c in written], analysis) == cue_hits(written, analysis) == {
        "samenwerk*": {0},
        "*begeleiding": {1},
    }
