"""Fuzzing the readers with structured workbooks (hypothesis): several sheets, merged cells,
preamble rows above the header, blank and hidden sheets, formulas and error values.

Whatever the workbook holds, a reader raises one ``IngestError`` naming the file or returns a
result whose rows are all accounted for (``rows_read == rows_kept + rows_rejected``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from _hyp import examples
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from reliability.test_fuzz import KIPRIS_HEADER, LENS_HEADER, messy_text, run

from netanalysis.ingest import read_kipris, read_lens, read_table

FUZZ = settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
# a worksheet cannot hold control characters (openpyxl refuses them, as Excel does)
sheet_text = messy_text.map(lambda t: "".join(c for c in t if c in "\t\n\r" or ord(c) >= 32))
cells = st.one_of(sheet_text, st.integers(-10**6, 10**13), st.none(), st.sampled_from(["=1/0", "#N/A", "#REF!"]))


def _workbook(header, sheets, preamble, merge, hidden) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for i, rows in enumerate(sheets):
        ws = wb.create_sheet(f"S{i}")
        for line in preamble:
            ws.append([line])
        if i == len(sheets) - 1 or not rows:  # the table sits on the last sheet, or a sheet holds none
            ws.append(header)
        for row in rows:
            ws.append(list(row)[: len(header)])
        if merge and ws.max_row >= 2 and ws.max_column >= 2:
            ws.merge_cells(start_row=1, start_column=1, end_row=2, end_column=2)
        if hidden and i == 0 and len(sheets) > 1:
            ws.sheet_state = "hidden"
    path = Path(tempfile.mkdtemp()) / "fuzz.xlsx"
    wb.save(path)
    return path


workbooks = dict(
    sheets=st.lists(st.lists(st.lists(cells, min_size=0, max_size=6), max_size=8), min_size=1, max_size=3),
    preamble=st.lists(sheet_text, max_size=3),
    merge=st.booleans(),
    hidden=st.booleans(),
)


@pytest.mark.slow  # 40 workbooks written and read per reader
@FUZZ
@given(layout=st.sampled_from(["kipris", "lens", "generic"]), **workbooks)
# a name that cleans to nothing was the only row: pandas' .str on an empty float Series raised
@example(layout="kipris", sheets=[[["(주)"]]], preamble=[], merge=False, hidden=False)
def test_random_workbooks_never_crash_and_keep_the_accounting(layout, sheets, preamble, merge, hidden):
    header = {"kipris": KIPRIS_HEADER, "lens": LENS_HEADER, "generic": ["id", "date", "who"]}[layout]
    path = _workbook(header, sheets, preamble, merge, hidden)
    if layout == "kipris":
        run(read_kipris, path)
    elif layout == "lens":
        run(read_lens, path)
    else:
        run(read_table, path, columns={"patent_id": "id", "year": "date", "applicants": "who"})
