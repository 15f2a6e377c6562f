"""Credentials for a cohort: read the course results (results.py), apply the certification rule (rule.py),
and issue per learner a PDF certificate (certificate.py) and a signed Open Badges 3.0 credential
(badge.py, proof.py) with the issuer's Ed25519 key (keys.py); describe the programme in the European
Learning Model (elm.py). `oerkit keys new` and `oerkit certify` are in cli.py.

Nothing here is imported by the model or the validator except the reference check (checks.py)."""
