"""The fixture itself is valid: every other test breaks exactly one thing in it."""


def test_fixture_has_no_errors(project):
    report = project.validate()
    assert report.errors == [], report.render()


def test_fixture_warns_about_the_planned_slot_only(project):
    codes = {d.code for d in project.validate().warnings}
    assert codes == {"programme-planned-slot"}
