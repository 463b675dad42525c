"""``{% scrolling_table label… %}…{% end_scrolling_table %}``: a wide table scrolls sideways in its own box.

On a narrow screen (320 px, or a wide one zoomed to 400%) the page itself then never scrolls sideways. The box
can be focused and is a labelled region, so keyboard users can scroll it and screen readers can name it. The
label is its arguments joined by spaces; it must differ between the regions of a page.
"""

from __future__ import annotations

from django import template
from django.template.base import FilterExpression, Parser, Token
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


class ScrollingTableNode(template.Node):
    def __init__(self, label: list[FilterExpression], nodelist: template.NodeList) -> None:
        self.label = label
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        return format_html(
            '<div class="app-table-scroll" role="region" aria-label="{}" tabindex="0">{}</div>',
            " ".join(str(part.resolve(context)) for part in self.label),
            SafeString(self.nodelist.render(context)),
        )


@register.tag
def scrolling_table(parser: Parser, token: Token) -> ScrollingTableNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("scrolling_table needs the table's label")
    nodelist = parser.parse(("end_scrolling_table",))
    parser.delete_first_token()
    return ScrollingTableNode([parser.compile_filter(bit) for bit in bits[1:]], nodelist)
