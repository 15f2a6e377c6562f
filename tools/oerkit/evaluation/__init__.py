"""Cohort evaluation for trainers (`oerkit evaluate`): course results and per-item responses from an LMS
become an anonymised HTML (and PDF) report with completion, outcome mastery and item analysis."""
