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


def test_a_term_is_looked_for_where_its_first_word_is_and_found_as_a_full_search_finds_it():
    """Term.matches tries the term's pattern only where its first word occurs; it finds what searching the
    whole text finds, for every term of the termbase in every English text of the curriculum and in texts
    made to trip it (hyphens, plurals, overlaps, case, a text whose length changes when lowered)."""
    import yaml
    from conftest import REPO
    from oerkit.checks.termbase import terms_of
    from oerkit.load import TRANSLATION_RE
    from oerkit.markdown_source import read_markdown

    entries = yaml.safe_load((REPO / "i18n/terms.yaml").read_text(encoding="utf-8"))["terms"]
    entries += [{"id": "nn", "en": "New New town"}, {"id": "n2", "en": "New New"}, {"id": "rr", "en": "risk-risk"}, {"id": "cb", "en": "cost-benefit"}]
    terms = terms_of(entries, ["el", "de", "pt"])
    texts = [read_markdown(p).body for p in sorted(REPO.glob("modules/*/*.md")) if not TRANSLATION_RE.match(p.name)]
    texts += [line for p in sorted(REPO.glob("**/*.yaml")) if "node_modules" not in p.parts
              for line in p.read_text(encoding="utf-8").splitlines() if "en:" in line]
    texts += ["New New New town and New New town.", "Risk-risk-risk, a risk-risks", "İstanbul: a cost-benefit cost-benefits",
              "Cost-Benefit, costs-benefit; COST BENEFIT and cost–benefit", "the Disaster risk reduction of Sendai"]
    found = 0
    for text in texts:
        lowered = text.lower()
        for term in terms:
            spans = [m.span() for m in term.matches(text, lowered)] if term.first_word in lowered else []
            assert spans == [m.span() for m in term.english.finditer(text)], (term.id, text[:200])
            found += len(spans)
    assert len(texts) > 1000 and found > 1000, (len(texts), found)
