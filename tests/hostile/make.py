"""Writes the hostile inputs of this folder (run from the repository root: python3 tests/hostile/make.py).
Kept beside them so each can be read as what it is; the files are committed, so the tests need no Python."""

import json
import zipfile
from pathlib import Path

HERE = Path(__file__).parent

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = "</sheetData></worksheet>"
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>office_id</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>period</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>rater_kind</t></is></c></row>'
)


def workbook(name: str, sheet: list[str] | object) -> None:
    """A one-sheet workbook whose sheet XML is `sheet`'s pieces, streamed into the zip."""
    with zipfile.ZipFile(HERE / name, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            for piece in sheet:  # type: ignore[attr-defined]
                f.write(piece.encode())


def zip_bomb():  # 257 MiB of whitespace between the sheet's elements: 257 KiB zipped
    yield SHEET_HEAD
    for _ in range(257):
        yield " " * (1 << 20)
    yield SHEET_TAIL


def huge_sheet():  # 1,000,001 rows of one cell each under the header, one row past the limit: rows without
    # their `r`, as a sheet may leave it out, so the file is the same row repeated (50 KiB zipped)
    yield SHEET_HEAD + HEADER_ROW
    for _ in range(1_000):
        yield "<row><c><v>1</v></c></row>" * 1_000
    yield "<row><c><v>1</v></c></row>" + SHEET_TAIL


workbook("zip-bomb.xlsx", zip_bomb())
workbook("far-corner.xlsx", [SHEET_HEAD, HEADER_ROW, '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', SHEET_TAIL])
workbook("huge-sheet.xlsx", huge_sheet())

# A QuestionnaireResponse whose items nest 1,000 deep (JSON that recursive readers overflow on).
depth = 1_000
deep = '{"resourceType": "QuestionnaireResponse", "questionnaire": "urn:fidelity:questionnaire:seiho-shuro|1.1.0", '
deep += '"status": "completed", "item": ' + '[{"linkId": "g", "item": ' * depth + "[]" + "}]" * depth + "}\n"
(HERE / "deep-response.json").write_text(deep)

# A REDCap export with 5,000 columns of its own besides the instrument's, and one whose quote never closes, so
# the rest of the file is one cell.
header = ["record_id", "period", "rater_kind"] + [f"note_{i}" for i in range(1, 5001)]
(HERE / "redcap-wide.csv").write_text(",".join(header) + "\n" + ",".join(["1", "2026", "self"] + ["0"] * 5000) + "\n")
(HERE / "redcap-open-quote.csv").write_text("record_id,period,rater_kind,a_1_1\n1,2026,self,\"1\n" + "2,2026,self,1\n" * 2_000)
