"""The website exporter: the model becomes Markdown pages, MkDocs + Material + static-i18n render them.

MkDocs is a rendering backend here: switching the generator means replacing this package only.
"""
