"""Cross-checks over the loaded model: references, graphs, alignment, languages, quizzes, Markdown."""
