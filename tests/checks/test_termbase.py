"""The termbase check tolerates inflection, compounds and kept English names, and flags other words."""

from oerkit.checks.termbase import fold, stems, uses


def test_inflected_and_compound_forms_count_as_using_the_term():
    assert uses("Η ανθεκτικότητας της πόλης", [stems("ανθεκτικότητα")])
    assert uses("Die Risikobewertung der Stadt", [stems("Risiko")])
    assert uses("μια υποδιάσταση του μοντέλου", [stems("διάσταση")])
    assert not uses("Die Widerstandskraft der Stadt", [stems("Resilienz")])
    assert uses("τα κενά ικανοτήτων σας", [stems("κενό ικανοτήτων")])
    assert fold("Ανθεκτικότητα") == "ανθεκτικοτητα"


def test_translation_using_the_term_passes_and_other_words_are_flagged(project):
    project.write("i18n/terms.yaml", "terms:\n  - id: resilience\n    en: resilience\n    el: ανθεκτικότητα\n")
    assert not project.diagnostics("termbase-term")
    project.replace("learning_outcomes/A.yaml", "el: Εξηγεί τι σημαίνει ανθεκτικότητα.", "el: Εξηγεί τι σημαίνει αντοχή.")
    found = project.diagnostics("termbase-term")
    assert [d.file for d in found] == ["learning_outcomes/A.yaml"]
    assert "'ανθεκτικότητα'" in found[0].message


def test_a_capitalised_name_at_the_start_of_a_sentence_is_not_the_name(project):
    project.write("i18n/terms.yaml", "terms:\n  - id: stage-starting\n    en: Starting\n    el: Αρχικό\n")
    project.replace("learning_outcomes/A.yaml", "{en: Explain what resilience means., el: Εξηγεί τι σημαίνει ανθεκτικότητα.}",
                    "{en: \"Starting small, explain the Starting stage.\", el: Εξηγεί κάτι.}")
    found = project.diagnostics("termbase-term")
    assert len(found) == 1  # the second "Starting" is the stage name
    project.replace("learning_outcomes/A.yaml", "explain the Starting stage.", "explain the first stage.")
    assert project.diagnostics("termbase-term") == []


def test_a_translation_that_is_not_utf8_is_reported_not_a_crash(project):
    project.write("i18n/terms.yaml", "terms:\n  - id: resilience\n    en: resilience\n    el: ανθεκτικότητα\n")
    (project.root / "modules/A1-first-steps/introduction.el.md").write_bytes(b"# T\n\xff\xfe bad\n")
    result = project.oerkit("validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "modules/A1-first-steps/introduction.el.md:" in result.stdout + result.stderr
