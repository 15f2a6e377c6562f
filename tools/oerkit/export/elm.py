"""The ELM exporter: European Learning Model descriptions (JSON-LD) of the programme and of each module, for the
site's downloads (downloads/elm/). Written only when the curriculum has a certification (its site_url gives the
identifiers). The descriptions themselves are built in oerkit.credentials.elm."""

from __future__ import annotations

import json
from pathlib import Path

from ..credentials.elm import FORMAT, document_path, elm_documents
from ..model import Curriculum
from .__init__ import Artifact


class ElmExporter:
    name = "elm"

    def export(self, cur: Curriculum, out_dir: Path) -> list[Artifact]:
        """Module descriptions are listed as downloads on each module page; the programme's is linked from the
        verification page."""
        if cur.certification is None:
            return []
        artifacts = []
        for module_id, document in elm_documents(cur).items():
            rel = document_path(cur, module_id)
            path = out_dir / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
            path.write_bytes(data)
            if module_id is not None:
                artifacts += [Artifact(module_id, lang, FORMAT, rel, len(data)) for lang in cur.languages]
        return artifacts
