from conftest import only


def test_unknown_language(project):
    project.replace("modules/A2-second-steps/module.yaml", "title: {en: Second steps}",
                    "title: {en: Second steps, fr: Deuxièmes pas}")
    d = only(project.diagnostics(), "lang-unknown")[0]
    assert "unknown language 'fr' (declared in curriculum/programme.yaml: en, el, de, pt)" in d.message


def test_default_language_missing(project):
    project.replace("modules/A2-second-steps/module.yaml", "summary: {en: Building on the first steps.}",
                    "summary: {el: Συνέχεια.}")
    d = only(project.diagnostics(), "lang-default-missing")[0]
    assert "'summary'" in d.message
    assert d.line == project.line_of("modules/A2-second-steps/module.yaml", "summary:")


def test_translation_page_in_undeclared_language(project):
    project.write("modules/A2-second-steps/checklist.fr.md", "# Liste\n")
    d = only(project.diagnostics(), "lang-unknown")[0]
    assert d.file == "modules/A2-second-steps/checklist.fr.md"
