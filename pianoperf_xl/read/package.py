"""What python-calamine does not expose, read from the workbook's small XML parts.

- ``docProps/core.xml``: when the workbook was last saved (``dcterms:modified``), to tell
  which of two copies of the same sector is the newer; its subject and creator;
- ``docProps/custom.xml``: the custom document properties (pianoperf marks its own
  outputs with one, see ``own_outputs``);
- ``xl/workbook.xml``: the 1904 date system (``workbookPr date1904``), each sheet's
  state (visible, hidden, very hidden) and, through the relationships, its XML part and
  the styles part (read only when needed, by ``read.styles``).

Every part is read through ``safety.read_entry`` (byte cap) and parsed by defusedxml,
which refuses DTDs, entity declarations and external references. Elements are matched
by their local name, so "Strict Open XML" workbooks (other namespaces) read too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from pianoperf_xl.read.safety import CheckedParts, damaged, open_zip, read_entry, xml_entities

TRUE = ("1", "true")


def parse_xml(data: bytes, name: str, part: str) -> Element:
    """A small XML part as an element tree; DTDs and entities are refused."""
    try:
        return fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise xml_entities(name, part) from None
    except (ParseError, ValueError, LookupError):  # LookupError: unknown encoding
        raise damaged(name) from None


def is_true(value: str | None) -> bool:
    return value is not None and value.strip().lower() in TRUE


def local(name: str) -> str:
    """'{namespace}sheet' -> 'sheet'."""
    return name.rpartition("}")[2]


def _elements(root: Element, name: str) -> list[Element]:
    return [e for e in root.iter() if local(e.tag) == name]


def _relationship_id(element: Element) -> str:
    """The r:id attribute, whatever namespace prefix maps to."""
    return next((v for k, v in element.attrib.items() if k.startswith("{") and local(k) == "id"),
                "")


@dataclass
class SheetPart:
    name: str
    part: str | None  # the sheet's XML part in the zip, None when it cannot be found
    state: str  # "visible", "hidden" or "veryHidden"

    @property
    def hidden(self) -> bool:
        return self.state != "visible"


@dataclass
class Package:
    """Facts about one workbook file that only its XML parts tell."""

    path: Path
    modified: dt.datetime | None = None
    last_modified_by: str = ""
    subject: str = ""
    creator: str = ""
    custom: dict[str, str] = field(default_factory=dict)  # custom document properties
    date1904: bool = False
    sheets: dict[str, SheetPart] = field(default_factory=dict)
    styles: str | None = None  # the styles part (xl/styles.xml), None when there is none

    @classmethod
    def read(cls, path: Path, parts: CheckedParts | None = None) -> Package:
        """The package of ``path``; its parts from ``parts`` (``safety.check_file``'s)
        where they were kept, the archive opened only for the others."""
        with contextlib.ExitStack() as stack:
            archive: zipfile.ZipFile | None = None

            def xml(part: str) -> Element | None:
                nonlocal archive
                if parts is not None and part not in parts.names:
                    return None
                data = parts.data.get(part) if parts is not None else None
                if data is None:
                    if archive is None:
                        archive = stack.enter_context(open_zip(path))
                    data = read_entry(path.name, archive, part)
                return None if data is None else parse_xml(data, path.name, part)

            core = xml("docProps/core.xml")
            package = cls(path, modified=_modified(core),
                          last_modified_by=core_text(core, "lastModifiedBy"),
                          subject=core_text(core, "subject"),
                          creator=core_text(core, "creator"),
                          custom=custom_properties(xml("docProps/custom.xml")))
            book_part = _office_document(xml("_rels/.rels"))
            book = xml(book_part)
            rels = _relationships(xml(_rels_of(book_part)), posixpath.dirname(book_part))
        if book is not None:
            package.date1904 = any(is_true(pr.get("date1904"))
                                   for pr in _elements(book, "workbookPr"))
            package.sheets = _sheets(book, rels)
        package.styles = next((target for target, kind in rels.values()
                               if kind.endswith("/styles")), None)
        return package


def _office_document(rels: Element | None) -> str:
    """The workbook part the package relationships point at (normally xl/workbook.xml)."""
    targets = _relationships(rels, "")
    return next((t for t, kind in targets.values() if kind.endswith("/officeDocument")),
                "xl/workbook.xml")


def _rels_of(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _relationships(rels: Element | None, base: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (target part, type); targets resolved against ``base``."""
    if rels is None:
        return {}
    result = {}
    for rel in _elements(rels, "Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        result[rel.get("Id", "")] = (_resolve(base, rel.get("Target", "")),
                                     rel.get("Type", ""))
    return result


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(base, target))


def _sheets(book: Element, rels: dict[str, tuple[str, str]]) -> dict[str, SheetPart]:
    sheets = {}
    for sheet in _elements(book, "sheet"):
        target = rels.get(_relationship_id(sheet))
        name = sheet.get("name", "")
        sheets[name] = SheetPart(name, target[0] if target else None,
                                 sheet.get("state") or "visible")
    return sheets


# A save date outside these bounds says nothing: the .xlsx format is of 2006, and a date
# in the future (9999-12-31, set by some tools or by hand) cannot be when a file was saved.
FIRST_PLAUSIBLE_SAVE = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
FUTURE_TOLERANCE = dt.timedelta(days=1)


def plausible_moment(moment: dt.datetime | None) -> dt.datetime | None:
    """``moment`` when it can be when a file was saved, else None."""
    if moment is None:
        return None
    try:
        latest = dt.datetime.now(dt.timezone.utc) + FUTURE_TOLERANCE
        return moment if FIRST_PLAUSIBLE_SAVE <= moment <= latest else None
    except (OverflowError, ValueError):
        return None


def core_text(core: Element | None, name: str) -> str:
    """The text of the core property ``name`` (local name), '' when missing."""
    element = next(iter(_elements(core, name)), None) if core is not None else None
    return (element.text or "").strip() if element is not None else ""


def custom_properties(custom: Element | None) -> dict[str, str]:
    """Name -> text of each custom document property (whatever its type)."""
    if custom is None:
        return {}
    return {prop.get("name", ""): "".join(prop.itertext()).strip()
            for prop in _elements(custom, "property")}


def _modified(core: Element | None) -> dt.datetime | None:
    """``dcterms:modified`` as an aware datetime (UTC when no zone is given); None when
    missing, unreadable or not a plausible save date (see ``plausible_moment``)."""
    text = core_text(core, "modified")
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return plausible_moment(moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc))
