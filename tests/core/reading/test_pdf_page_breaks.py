"""PDF tables cut by page breaks without the rule on the side of the break, and white page backgrounds, read whole."""

from __future__ import annotations

from html import escape

from weasyprint import HTML

from actionplan.core.reading import read_plan

_STYLE = """
@page { size: A5 landscape; margin: 15mm; }
body { margin: 0; font: 9pt sans-serif; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid black; vertical-align: top; padding: 3px; }
td p { margin: 0 0 12px; }
"""
_HEADINGS = ["Rec No", "Recommendation", "Agreed", "Response", "Responsible Owner", "Target Date"]
# Eight actions are more than half an A5 page can hold, so the second row is cut by the page break.
_STEPS = [f"Step {n} will be taken on every wing." for n in range(1, 9)]
_ROWS = [
    ("1.1", "Staff should be trained.", [("Staff will be trained.", "Governor", "June 2020")]),
    ("1.2", "Cells should be clean.", [(step, f"Wing Manager {n}", "Q3 2020") for n, step in enumerate(_STEPS, 1)]),
    ("1.3", "Food should be hot.", [("Food will be served hot.", "Catering Manager", "May 2020")]),
]


def _pdf(*, repeated_header: bool, background: str = "") -> bytes:
    """A plan table of three rows, the second cut across two pages, laid out by WeasyPrint."""
    heading = "<tr>" + "".join(f"<th>{h}</th>" for h in _HEADINGS) + "</tr>"
    rows = []
    for ref, recommendation, actions in _ROWS:
        columns = [[text for text, _, _ in actions], [o for _, o, _ in actions], [t for _, _, t in actions]]
        cells = "".join("<td>" + "".join(f"<p>{escape(p)}</p>" for p in column) + "</td>" for column in columns)
        rows.append(f"<tr><td>{ref}</td><td>{recommendation}</td><td>Agreed</td>{cells}</tr>")
    head = f"<thead>{heading}</thead>" if repeated_header else heading
    html = (
        f"<html><head><style>{_STYLE}{background}</style></head><body>"
        "<h1>ACTION PLAN: HMCIP REPORT</h1><p>ESTABLISHMENT: HMP Ashcombe</p>"
        f"<table>{head}<tbody>{''.join(rows)}</tbody></table></body></html>"
    )
    return bytes(HTML(string=html).write_pdf())


def _assert_reads_whole(data: bytes) -> None:
    reading = read_plan(data, name="plan.pdf")
    assert reading.warnings == []
    read = reading.plan.recommendations
    assert [r.ref for r in read] == ["1.1", "1.2", "1.3"]
    for got, (_, recommendation, actions) in zip(read, _ROWS, strict=True):
        assert got.recommendation == recommendation
        assert [(a.text, a.owner, a.target.text) for a in got.actions] == actions


def test_a_row_cut_at_the_foot_of_a_page_is_read_from_within_its_side_rules() -> None:
    _assert_reads_whole(_pdf(repeated_header=True))


def test_a_row_continued_above_the_first_rule_of_a_page_is_read_by_the_columns_before() -> None:
    # Without a repeated header row, the rest of the cut row opens the page with no rule above it.
    _assert_reads_whole(_pdf(repeated_header=False))


def test_a_white_page_background_is_not_taken_for_the_tables_frame() -> None:
    # WeasyPrint paints the page's background as a white rectangle round all the content.
    _assert_reads_whole(_pdf(repeated_header=True, background="html { background: #ffffff; }"))
