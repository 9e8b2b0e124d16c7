"""The annex's fast tables (write/annex/tables.py): rows held apart until the document is
saved, then streamed into word/document.xml. Tables bigger than what is kept in memory
come back whole and in order when the saved document is opened again."""

from __future__ import annotations

import zipfile

import docx
from docx.oxml.ns import qn

from pianoperf_xl.write.annex.styles import open_base
from pianoperf_xl.write.annex.tables import Col, Row, add_table, save


def _texts(table) -> list[list[str]]:
    return [["".join(tc.xpath(".//w:t/text()")) for tc in tr.iter(qn("w:tc"))]
            for tr in table._tbl.iter(qn("w:tr"))]


def test_big_and_small_tables_saved_whole_and_in_order(tmp_path):
    doc = open_base(None)
    cols = [Col("Codice", 1), Col("Testo", 4)]
    # about 3 MB of rows: more than a table's rows kept in memory before a temporary file
    big = [Row([f"B{n}", f"riga {n} " + "àèìòù «testo» & <non markup> " * 10])
           for n in range(6_000)]
    small = [Row(["S1", "prima"]), Row(["S2", "seconda <!--pianoperf-rows-0-->"])]
    doc.add_paragraph("prima della tabella grande")
    add_table(doc, cols, big)
    doc.add_paragraph("tra le tabelle")
    add_table(doc, cols, small)
    add_table(doc, cols, [])
    doc.add_paragraph("in fondo")
    path = tmp_path / "tabelle.docx"
    save(doc, path)

    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None
        body = package.read("word/document.xml")
    assert b"<!--pianoperf-rows-" not in body.replace(b"&lt;!--pianoperf-rows-0--&gt;", b"")
    reopened = docx.Document(str(path))
    kinds = [type(block).__name__ for block in reopened.iter_inner_content()]
    assert kinds[:5] == ["Paragraph", "Table", "Paragraph", "Table", "Table"]
    assert [p.text for p in reopened.paragraphs][:3] == ["prima della tabella grande",
                                                       "tra le tabelle", "in fondo"]
    tables = reopened.tables
    assert _texts(tables[0]) == [["Codice", "Testo"], *([r.cells[0], r.cells[1]] for r in big)]
    assert _texts(tables[1]) == [["Codice", "Testo"], ["S1", "prima"],
                                 ["S2", "seconda <!--pianoperf-rows-0-->"]]
    assert _texts(tables[2]) == [["Codice", "Testo"]]


def test_same_document_whether_rows_wait_in_memory_or_in_a_file(tmp_path, monkeypatch):
    """The same tables saved with every table's rows in memory, and with all of them in
    the temporary file: the same word/document.xml, byte for byte."""
    from pianoperf_xl.write.annex import tables

    def written(name: str) -> bytes:
        doc = open_base(None)
        for number in range(5):
            doc.add_paragraph(f"Tabella {number}")
            add_table(doc, [Col("A", 1), Col("B", 2)],
                      [Row([str(n), f"valore {number}.{n}"]) for n in range(300)])
        save(doc, tmp_path / name)
        with zipfile.ZipFile(tmp_path / name) as package:
            return package.read("word/document.xml")

    in_memory = written("memoria.docx")
    monkeypatch.setattr(tables._PendingRows, "IN_MEMORY", 1)
    monkeypatch.setattr(tables._PendingRows, "CHUNK", 7)  # odd pieces, across the rows
    assert written("file.docx") == in_memory
