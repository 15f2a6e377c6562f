"""Translations must use the termbase's terms (i18n/terms.yaml): where the English source uses a term,
the translation should use the fixed translation of it. Inflection is allowed: words are compared by
their accent-free stems, so "ανθεκτικότητα" also matches "ανθεκτικότητας"."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ..check_cache import salt
from ..load import rel
from ..yaml_source import load_yaml
from .context import CheckContext

TERMBASE = "i18n/terms.yaml"
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Case- and accent-free form of a text (the combining marks left by NFD are removed)."""
    return COMBINING.sub("", unicodedata.normalize("NFD", text.casefold()))


def stems(term: str) -> list[str]:
    """Stems of the term's words: words lose their last letters (inflection: κενό/κενά, Risiko/Risiken);
    words of three letters or fewer are kept whole."""
    words = WORD.findall(fold(term))
    return [w if len(w) <= 3 else w[: max(3, len(w) - 2)] if len(w) <= 6 else w[: len(w) - 3] for w in words]


@dataclass
class Term:
    id: str
    english: re.Pattern
    targets: dict[str, list[list[str]]]  # lang -> stems of each accepted form
    shown: dict[str, str]
    name: bool = False  # capitalised: a name, matched by case
    first_word: str = ""  # of the English term, lower case: a text without it cannot contain the term

    def found_in(self, english: str, lowered: str | None = None) -> bool:
        lowered = english.lower() if lowered is None else lowered
        # quick test first: the term's first word must occur somewhere in the text
        if self.first_word not in lowered:
            return False
        for match in self.matches(english, lowered):
            if not self.name:
                return True
            # a capitalised name at the start of a sentence may just be an ordinary word ("Starting from ...")
            i = match.start()
            while i and english[i - 1] in " *_\"'(":
                i -= 1
            if i and english[i - 1] not in ".!?:\n#-|>":
                return True
        return False

    def matches(self, english: str, lowered: str):
        """The term's matches in the text, as finditer finds them. A match starts where the term's first word
        does, so the pattern is tried only there: searching a whole page with it took most of this check's
        time. (Where lowering a text changes its length, positions differ: the pattern searches it all.)"""
        if len(lowered) != len(english):
            yield from self.english.finditer(english)
            return
        end, start = 0, lowered.find(self.first_word)
        while start >= 0:
            match = self.english.match(english, start) if start >= end else None
            if match:
                yield match
                end = max(match.end(), start + 1)
            start = lowered.find(self.first_word, start + 1)


def load_termbase(ctx: CheckContext) -> tuple[list[dict], list[Term]]:
    """The termbase's entries and their terms (an entry that is not one is reported and has no term)."""
    path = ctx.cur.root / TERMBASE
    if not path.is_file():
        return [], []
    doc = load_yaml(path, TERMBASE, ctx.report)
    if doc is None:
        return [], []
    entries = doc.data.get("terms") if isinstance(doc.data, dict) else None
    if not isinstance(entries, list):
        ctx.report.error(TERMBASE, (1, 1), "the termbase must have a list 'terms' of entries with id, en and one "
                         "key per language", "termbase-format")
        return [], []
    for i, entry in enumerate(entries):
        if not is_entry(entry):
            ctx.report.error(TERMBASE, doc.pos(("terms", i)), "a termbase entry needs 'id' and an English 'en' term",
                             "termbase-format")
    return entries, terms_of(entries, ctx.cur.languages[1:])


def is_entry(entry) -> bool:
    return isinstance(entry, dict) and isinstance(entry.get("en"), str) and bool(entry.get("id"))


def terms_of(entries: list, languages: list[str]) -> list[Term]:
    """The terms of the termbase's entries, in their order; `languages`: the translations'."""
    terms = []
    for entry in filter(is_entry, entries):
        # a capitalised term is a name (an SMR stage, a framework): match its case; otherwise ignore case
        flags = 0 if entry["en"][:1].isupper() else re.IGNORECASE
        english = re.compile(r"(?<![\w-])" + re.escape(entry["en"]).replace(r"\ ", r"[\s-]+") + r"(?:s|es)?\b", flags)
        targets, shown = {}, {}
        for lang in languages:
            value = entry.get(lang)
            if isinstance(value, str) and value.strip():
                forms = [f.strip() for f in re.split(r"\s*/\s*|\s*;\s*", value) if f.strip()]
                targets[lang] = [stems(f) for f in forms]
                shown[lang] = value
        terms.append(Term(str(entry["id"]), english, targets, shown, name=bool(flags == 0),
                          first_word=re.split(r"[\s-]+", entry["en"].strip())[0].lower()))
    return terms


def folded_words(text: str) -> str:
    """The text's words, folded, one per line: a stem found in it lies inside one word."""
    return "\n".join(WORD.findall(fold(text)))


def uses(text: str, forms: list[list[str]], words: str | None = None) -> bool:
    words = folded_words(text) if words is None else words
    # stems may sit inside compound words (German "Risikobewertung", Greek "υποδιάσταση")
    return any(form and all(s in words for s in form) for form in forms)


def terms_found(terms: list[Term], english: str) -> list[int]:
    """The terms (their indexes) an English text uses."""
    lowered = english.lower()
    return [i for i, term in enumerate(terms) if term.found_in(english, lowered)]


def terms_missed(terms: list[Term], found: list[int], translated: str, lang: str) -> list[int]:
    """Of the terms `found` in the English text, those its translation into `lang` does not use."""
    found = [i for i in found if terms[i].targets.get(lang)]
    words = folded_words(translated) if found else ""
    # a translation that keeps the English term (inside a proper name, say) is not flagged
    return [i for i in found if not uses(translated, terms[i].targets[lang], words)
            and not terms[i].english.search(translated)]


def missed_terms(terms: list[Term], found: dict[str, list[int]], work: tuple[str, str, str]) -> list[int]:
    """The terms a translation misses; work: (English text, translation, language). `found` keeps the terms
    found per English text, which is searched once for all its translations."""
    english, translated, lang = work
    if english not in found:
        found[english] = terms_found(terms, english)
    return terms_missed(terms, found[english], translated, lang)


def _content(work: tuple[str, str, str]) -> str:  # what a result is kept under in the check cache
    english, translated, lang = work
    return f"{lang}\0{english}\0{translated}"


_in_process: dict = {}  # a process of CheckCache.fill: the termbase's terms, and the terms found per English text


def _missed_in_process(termbase: tuple[str, list, list[str]], work: tuple[str, str, str]) -> list[int]:
    key, entries, languages = termbase
    if key not in _in_process:
        _in_process.clear()
        _in_process[key] = (terms_of(entries, languages), {})
    return missed_terms(*_in_process[key], work)


def check_termbase(ctx: CheckContext) -> None:
    entries, terms = load_termbase(ctx)
    if not terms:
        return
    cur = ctx.cur
    # the terms a translation misses depend on the termbase, the English text and the translation alone:
    # searching every text for every term is most of this check's time, so the answer is kept in the check
    # cache between runs (keyed by the termbase, this code, the language and both texts), and worked out in
    # parallel processes for the texts the cache does not know (a first run)
    termbase_salt = salt("termbase", (cur.root / TERMBASE).read_text(encoding="utf-8"), files=("checks/termbase.py",))
    texts = []  # ((English, translation, language), file, the translation's position: looked up for a finding)
    for doc in ctx.result.documents.values():
        for path, value in doc.texts():
            english = value.get(cur.default_language)
            if not isinstance(english, str):
                continue
            for lang, translated in value.items():
                if lang != cur.default_language and isinstance(translated, str):
                    texts.append(((english, translated, lang), doc.file, functools.partial(doc.pos, path + (lang,))))
    for mod in cur.modules.values():
        for page in mod.pages:
            if not page.path.is_file():
                continue
            english = ctx.page(page.path)
            for lang, tpath in page.translations.items():
                translated = ctx.page(tpath) if lang != cur.default_language else None
                if english is not None and translated is not None:  # an unreadable file is reported elsewhere
                    texts.append(((english.body, translated.body, lang), rel(cur.root, tpath), lambda: (1, 1)))
    ctx.cache.fill(termbase_salt, {_content(work): work for work, _, _ in texts},
                   functools.partial(_missed_in_process, (termbase_salt, entries, cur.languages[1:])))
    found: dict[str, list[int]] = {}
    for work, file, where in texts:
        lang = work[2]
        for i in ctx.cache.get(termbase_salt, _content(work), lambda: missed_terms(terms, found, work)):
            term = terms[i]
            ctx.report.warning(file, where(), f"the {lang} translation does not use the termbase term "
                               f"'{term.shown[lang]}' for '{term.id}' (i18n/terms.yaml)", "termbase-term")
