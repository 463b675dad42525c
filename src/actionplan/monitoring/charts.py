"""Bar charts drawn on the server as SVG: an image with a title and description, every bar labelled in text.

A plain chart has one bar a row; a grouped chart has, under each row's name, one bar for each series (a decision,
a reason, a judgement), each named in text beside it, so no bar is told from another by its colour alone.
"""

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
PURPLE = "#4c2c92"
SERIES_COLOURS = (BLUE, RED, GREEN, PURPLE, GREY)
SERIES_HEIGHT = 16
SERIES_GAP = 4


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


@dataclass(frozen=True)
class Group:
    """A row of a grouped chart: its name and one value for each series."""

    label: str
    values: list[int]


@dataclass(frozen=True)
class DrawnGroup:
    label: str
    text_y: int
    bars: list[DrawnBar]


@dataclass(frozen=True)
class GroupedChart:
    id: str
    title: str
    description: str
    groups: list[DrawnGroup]
    width: int
    height: int
    label_width: int
    bar_height: int


def grouped_bar_chart(id: str, title: str, description: str, series: list[str], groups: list[Group]) -> GroupedChart:
    """Horizontal bars in groups: each group's name on a line of its own, then a bar for each series, named and
    with its value written beside it; every bar is scaled to the largest value of the chart."""
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    largest = max((value for group in groups for value in group.values), default=0) or 1
    drawn = []
    y = GAP
    for group in groups:
        heading_y = y + BAR_HEIGHT // 2 + 5
        y += BAR_HEIGHT
        bars = []
        for index, (name, value) in enumerate(zip(series, group.values, strict=True)):
            width = round(room * value / largest)
            bars.append(
                DrawnBar(
                    label=_shorten(name),
                    value=value,
                    colour=SERIES_COLOURS[index % len(SERIES_COLOURS)],
                    y=y,
                    text_y=y + SERIES_HEIGHT // 2 + 5,
                    width=width,
                    value_x=LABEL_WIDTH + width + 6,
                )
            )
            y += SERIES_HEIGHT + SERIES_GAP
        drawn.append(DrawnGroup(_shorten(group.label, 60), heading_y, bars))
        y += GAP
    return GroupedChart(id, title, description, drawn, WIDTH, y, LABEL_WIDTH, SERIES_HEIGHT)
