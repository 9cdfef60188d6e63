"""Reads a .docx with python-docx, an independent reader, and prints what the tests check as JSON:
its page size, its paragraphs with their styles, its tables and the page-number fields of its
footer. Used by tests/bulletin.rs and the end-to-end tests (bash .ci/test installs python-docx)."""
import json
import sys

import docx

d = docx.Document(sys.argv[1])
s = d.sections[0]
print(json.dumps({
    "page": [s.page_width, s.page_height],
    "paragraphs": [[p.style.name if p.style is not None else "", p.text] for p in d.paragraphs],
    "tables": [[[c.text for c in r.cells] for r in t.rows] for t in d.tables],
    "footer": [p._p.xml.count("PAGE") for p in s.footer.paragraphs],
}, ensure_ascii=False))
