"""Pages every site has, generated from the model; module pages may link to them.

Module pages sit at modules/<folder>/<page>.md, so a link to the glossary is ../../glossary.md.
"""

GENERATED_PAGES = (
    "index.md",        # home
    "programme.md",    # groups, modules, hours, credits, prerequisite graph
    "competences.md",  # the competence framework and the job profile
    "outcomes.md",     # the outcome catalogue
    "coverage.md",     # competences x modules
    "glossary.md",     # the shared glossary
    "self-assessment.md",  # learner tool: competence self-assessment
    "journey-planner.md",  # learner tool: adaptive learning-journey planner
    "tools/maturity-model/index.md",  # resilience toolkit (when curriculum/tools/ holds its data)
    "tools/resilience-policies/index.md",
    "tools/risk-systemicity/index.md",
    "tools/information-portal/index.md",
)
MODULE_LANDING = "index.md"  # generated in each module folder
MODULE_QUIZ = "quiz.md"  # generated in each module folder that has a quiz bank
MODULE_GENERATED = (MODULE_LANDING, MODULE_QUIZ)  # authors cannot use these page names
