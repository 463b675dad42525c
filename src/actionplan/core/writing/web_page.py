"""The plan as an accessible web page in the GOV.UK style, and the plan table alone for the service's own pages."""

from __future__ import annotations

from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from actionplan.core.characters import clean_plan
from actionplan.core.plan import Plan
from actionplan.core.writing import layout
from actionplan.core.writing.wording import Wording, default_wording

# The printed table (A4 landscape, 8.5 pt): about how many characters fill a line of each column, and
# how many lines a part of the table may take and still be kept whole on a page. A page holds about 40;
# the estimate is rough, so the limit leaves room for the headings above and text wrapping early.
_REF_CHARS = 7
_RECOMMENDATION_CHARS = 36
_RESPONSE_CHARS = 54
_OWNER_CHARS = 20
_TARGET_CHARS = 17
_FULL_WIDTH_CHARS = 160
_LINES_KEPT_WHOLE = 24


def _printed_lines(text: str, chars: int) -> int:
    return sum(max(1, -(-len(line) // chars)) for line in text.split("\n"))


def kept_whole(row: layout.TableRow) -> bool:
    """Whether a row of the table is short enough to keep whole on one printed page.

    WeasyPrint cannot place a part it may not break that is taller than a page (it stops with an
    error), so only parts estimated to fit well are kept whole; a taller recommendation runs on.
    Where the estimate is wrong, ``pdf_document.render_pdf`` prints again letting every part break.
    """
    rec = row.recommendation
    if rec is None:
        return _printed_lines(row.section or row.directed_to or "", _FULL_WIDTH_CHARS) <= _LINES_KEPT_WHOLE
    column_2 = sum(_printed_lines(part.text, _RECOMMENDATION_CHARS) + 1 for part in layout.recommendation_parts(rec))
    rows = 0
    for paragraph in layout.response_paragraphs(rec):
        action = paragraph.action
        rows += 1 + max(
            _printed_lines(paragraph.text, _RESPONSE_CHARS),
            _printed_lines((action.owner or "") if action else "", _OWNER_CHARS),
            _printed_lines(action.target.text if action else "", _TARGET_CHARS),
        )
    return max(_printed_lines(rec.ref, _REF_CHARS), column_2, rows) <= _LINES_KEPT_WHOLE


def _lines(text: str) -> Markup:
    """Text with its line breaks kept, every line escaped."""
    return Markup("<br>").join(escape(line) for line in text.split("\n"))


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("actionplan.core.writing", "templates"),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["lines"] = _lines
    environment.globals.update(
        response_paragraphs=layout.response_paragraphs,
        recommendation_parts=layout.recommendation_parts,
        decision_text=layout.decision_text,
    )
    return environment


@cache
def stylesheet() -> str:
    """The page's own stylesheet, inlined so that the page stands alone.

    The plan table's rules come first so that the page's print rules, which narrow the table, win.
    """
    assets = resources.files("actionplan.core.writing").joinpath("assets")
    return assets.joinpath("plan-table.css").read_text("utf-8") + assets.joinpath("plan.css").read_text("utf-8")


def document_title(plan: Plan) -> str:
    return f"Action plan: {plan.establishment} ({layout.inspectorate_short_name(plan)} report)"


def _breaks_anywhere(row: layout.TableRow) -> bool:
    return False


def _table_context(plan: Plan, id_prefix: str, *, keep_whole: bool = True) -> dict[str, object]:
    return {
        "plan": plan,
        "kept_whole": kept_whole if keep_whole else _breaks_anywhere,
        "id_prefix": id_prefix,
        "caption": f"Responses to the recommendations of the {plan.inspectorate} report on {plan.establishment}",
        "headings": layout.COLUMN_HEADINGS,
        "rows": layout.table_rows(plan),
        "summary": layout.summary_rows(plan),
    }


def render_plan_table(plan: Plan, *, id_prefix: str = "plan-") -> Markup:
    """The plan table and the decision counts, to embed in a page that styles GOV.UK tables.

    ``id_prefix`` keeps element ids unique when a page shows more than one plan.
    """
    html = _environment().get_template("plan.html").render(_table_context(clean_plan(plan), id_prefix))
    # Rendered with autoescape on, so every piece of plan text in it is escaped already.
    return Markup(html)  # noqa: S704


def render_html(plan: Plan, *, wording: Wording | None = None, keep_whole: bool = True) -> str:
    """The whole plan as one standalone HTML page: heading, introduction, plan table, counts.

    ``keep_whole=False`` lets every recommendation break across printed pages, not only those too tall for one.
    """
    plan = clean_plan(plan)
    return (
        _environment()
        .get_template("page.html")
        .render(
            _table_context(plan, "plan-", keep_whole=keep_whole),
            document_title=document_title(plan),
            description=f"{plan.establishment}: the action plan answering the {plan.inspectorate} inspection report.",
            # The package's own stylesheet, not text from a plan.
            stylesheet=Markup(stylesheet()),  # noqa: S704
            title_line=layout.title_line(plan),
            detail_lines=layout.detail_lines(plan),
            wording=wording or default_wording(),
        )
    )
