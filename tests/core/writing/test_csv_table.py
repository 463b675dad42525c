"""The CSV file: documented columns, one row per action, the bytes Excel expects."""

import csv
import io

from actionplan.core.writing import csv_table
from actionplan.core.writing.csv_table import CSV_COLUMNS, render_csv

from .plans import awkward_plan


def test_utf8_with_bom_and_crlf_line_ends() -> None:
    data = render_csv(awkward_plan())
    assert data.startswith(b"\xef\xbb\xbfRef,Recommendation,")
    assert data.endswith(b"\r\n")
    assert data.count(b"\r\n") >= 5


def test_one_row_per_action_in_the_documented_columns() -> None:
    plan = awkward_plan()
    rows = list(csv.reader(io.StringIO(render_csv(plan).decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row[0] for row in rows[1:]] == ["S34", "S34", "2.10", "3"]
    first = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    assert first["Target date"] == "2019-12-31"
    assert first["Target as written"] == "December 2019"
    assert first["Response"] == plan.recommendations[0].response
    assert dict(zip(CSV_COLUMNS, rows[3], strict=True))["Reasons"] == "operational"
    assert all(heading in (csv_table.__doc__ or "") for heading in CSV_COLUMNS)
