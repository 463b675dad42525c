"""Bar charts drawn on the server as SVG: an image with a title and description, every bar labelled in text."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 640
LABEL_WIDTH = 250
VALUE_ROOM = 60
BAR_HEIGHT = 22
GAP = 10
# GOV.UK colours, dark enough for text and bars to stand out against white.
BLUE = "#1d70b8"
RED = "#d4351c"
GREEN = "#00703c"
GREY = "#505a5f"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    colour: str = BLUE


@dataclass(frozen=True)
class DrawnBar:
    label: str
    value: int
    colour: str
    y: int
    text_y: int
    width: int
    value_x: int


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    bars: list[DrawnBar]
    width: int
    height: int
    label_width: int


def _shorten(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart(id: str, title: str, description: str, bars: list[Bar]) -> Chart:
    """A horizontal bar chart; bars are scaled to the largest value, and every value is written beside its bar."""
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    largest = max((bar.value for bar in bars), default=0) or 1
    drawn = []
    for index, bar in enumerate(bars):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = round(room * bar.value / largest)
        drawn.append(
            DrawnBar(
                label=_shorten(bar.label),
                value=bar.value,
                colour=bar.colour,
                y=y,
                text_y=y + BAR_HEIGHT // 2 + 5,
                width=width,
                value_x=LABEL_WIDTH + width + 6,
            )
        )
    height = GAP + len(bars) * (BAR_HEIGHT + GAP)
    return Chart(id, title, description, drawn, WIDTH, height, LABEL_WIDTH)
