"""imsmanifest.xml and LOM metadata for SCORM 1.2 and SCORM 2004 4th Edition packages."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


@dataclass
class PackageInfo:
    identifier: str
    version: str
    title: str
    description: str
    lang: str
    keywords: list[str]
    licence: str
    licence_url: str
    outcomes: list[str]
    mastery_score: int | None  # None: the module has no quiz
    files: list[str]  # files of the SCO resource


def _files(info: PackageInfo) -> str:
    return "".join(f'\n      <file href={quoteattr(f)}/>' for f in info.files)


def manifest_12(info: PackageInfo) -> str:
    mastery = f"\n        <adlcp:masteryscore>{info.mastery_score}</adlcp:masteryscore>" if info.mastery_score is not None else ""
    return XML_HEAD + f"""<manifest identifier={quoteattr(info.identifier)} version={quoteattr(info.version)}
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
    <adlcp:location>metadata.xml</adlcp:location>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>{escape(info.title)}</title>
      <item identifier="item" identifierref="sco" isvisible="true">
        <title>{escape(info.title)}</title>{mastery}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="index.html">{_files(info)}
    </resource>
  </resources>
</manifest>
"""


def manifest_2004(info: PackageInfo) -> str:
    objectives = "".join(f'\n              <imsss:objective objectiveID={quoteattr(o)}/>' for o in info.outcomes)
    if info.mastery_score is not None:
        primary = (f'\n              <imsss:primaryObjective objectiveID="module-mastery" satisfiedByMeasure="true">'
                   f'\n                <imsss:minNormalizedMeasure>{info.mastery_score / 100:.2f}</imsss:minNormalizedMeasure>'
                   f'\n              </imsss:primaryObjective>')
    else:
        primary = '\n              <imsss:primaryObjective objectiveID="module-completion"/>'
    return XML_HEAD + f"""<manifest identifier={quoteattr(info.identifier)} version={quoteattr(info.version)}
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
    <adlcp:location>metadata.xml</adlcp:location>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>{escape(info.title)}</title>
      <item identifier="item" identifierref="sco">
        <title>{escape(info.title)}</title>
        <imsss:sequencing>
          <imsss:objectives>{primary}{objectives}
          </imsss:objectives>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormType="sco" href="index.html">{_files(info)}
    </resource>
  </resources>
</manifest>
"""


def metadata_12(info: PackageInfo) -> str:
    """IMS Learning Resource Meta-data 1.2.1 (the LOM binding SCORM 1.2 uses)."""
    ls = lambda text: f'<langstring xml:lang="{info.lang}">{escape(text)}</langstring>'  # noqa: E731
    keywords = "".join(f"\n      <keyword>{ls(k)}</keyword>" for k in info.keywords)
    return XML_HEAD + f"""<lom xmlns="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1">
  <general>
    <identifier>{escape(info.identifier)}</identifier>
    <title>{ls(info.title)}</title>
    <language>{info.lang}</language>
    <description>{ls(info.description)}</description>{keywords}
  </general>
  <lifecycle>
    <version>{ls(info.version)}</version>
  </lifecycle>
  <rights>
    <cost><source>{ls("LOMv1.0")}</source><value>{ls("no")}</value></cost>
    <copyrightandotherrestrictions><source>{ls("LOMv1.0")}</source><value>{ls("yes")}</value></copyrightandotherrestrictions>
    <description>{ls(f"{info.licence} {info.licence_url}".strip())}</description>
  </rights>
</lom>
"""


def metadata_2004(info: PackageInfo) -> str:
    """IEEE LOM (the binding SCORM 2004 uses)."""
    st = lambda text: f'<string language="{info.lang}">{escape(text)}</string>'  # noqa: E731
    keywords = "".join(f"\n    <keyword>{st(k)}</keyword>" for k in info.keywords)
    return XML_HEAD + f"""<lom xmlns="http://ltsc.ieee.org/xsd/LOM">
  <general>
    <identifier><catalog>oerkit</catalog><entry>{escape(info.identifier)}</entry></identifier>
    <title>{st(info.title)}</title>
    <language>{info.lang}</language>
    <description>{st(info.description)}</description>{keywords}
  </general>
  <lifeCycle>
    <version>{st(info.version)}</version>
  </lifeCycle>
  <rights>
    <cost><source>LOMv1.0</source><value>no</value></cost>
    <copyrightAndOtherRestrictions><source>LOMv1.0</source><value>yes</value></copyrightAndOtherRestrictions>
    <description>{st(f"{info.licence} {info.licence_url}".strip())}</description>
  </rights>
</lom>
"""
