"""The standalone web page and the plan table fragment: accessible table markup, escaping, print rules."""

from __future__ import annotations

from html.parser import HTMLParser

from actionplan.core.generator import generate_plan
from actionplan.core.writing.web_page import render_html, render_plan_table

from .plans import awkward_plan


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Elements:
    elements = _Elements()
    elements.feed(html)
    return elements


def test_page_is_a_standalone_english_document_with_a_title() -> None:
    html = render_html(awkward_plan())
    elements = _parse(html)
    assert elements.tags[0] == ("html", {"lang": "en-GB"})
    assert "<title>Action plan: HMP &amp; YOI Ashcombe &lt;Grange&gt; (HMCIP report)</title>" in html
    assert not [attrs for tag, attrs in elements.tags if tag in ("link", "script", "img")]
    assert "@page" in html
    assert "A4 landscape" in html


def test_table_has_caption_column_headers_and_a_row_header_per_recommendation() -> None:
    plan = generate_plan(1, recommendations=40)
    elements = _parse(render_plan_table(plan))
    tags = elements.tags
    assert sum(1 for tag, _ in tags if tag == "caption") == 2
    assert [a.get("scope") for tag, a in tags if tag == "th" and a.get("scope") == "col"] == ["col"] * 6
    row_headers = [a for tag, a in tags if tag == "th" and a.get("scope") in ("row", "rowgroup")]
    # One per recommendation, and one per row of the counts table.
    assert len(row_headers) == 40 + 4
    for rec, attrs in zip(plan.recommendations, row_headers, strict=False):
        assert int(attrs["rowspan"] or 0) >= max(1, len(rec.actions))
        assert attrs["scope"] == ("row" if attrs["rowspan"] == "1" else "rowgroup")
    assert ("thead", {"class": "govuk-table__head"}) in tags


def test_owner_and_target_sit_in_the_row_of_their_action() -> None:
    plan = awkward_plan()
    text = [t.strip() for t in _parse(render_plan_table(plan)).text if t.strip()]
    first = text.index("The strategy will be rewritten.")
    assert text[first : first + 6] == [
        "The strategy will be rewritten.",
        "Head of Security",
        "December 2019",
        "CCTV will be watched at every visits session.",
        "Governor",
        "31/03/2020",
    ]


def test_plan_text_is_escaped_never_markup() -> None:
    html = render_html(awkward_plan())
    assert '<img src="http://example.invalid' not in html
    assert "&lt;img src=&#34;http://example.invalid/x.png&#34;&gt;" in html
    assert "<style>body{background" not in html
    assert not [a for tag, a in _parse(html).tags if tag == "img"]


def test_fragment_is_only_the_table_and_ids_can_be_kept_apart() -> None:
    fragment = render_plan_table(awkward_plan(), id_prefix="plan-7-")
    assert "<html" not in fragment
    assert "<style" not in fragment
    assert 'id="plan-7-caption"' in fragment
    assert fragment.__html__() == str(fragment)
