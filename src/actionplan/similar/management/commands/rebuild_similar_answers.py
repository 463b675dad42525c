"""``manage.py rebuild_similar_answers``: index every recommendation and published version afresh."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from actionplan.similar.index import rebuild


class Command(BaseCommand):
    help = (
        "Index the wording of every recommendation, and of every plan's version published, for the answers that"
        " worked elsewhere (the index otherwise follows each change; run this after upgrading, or to weigh every"
        " word against the estate as it now is)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        indexed = rebuild()
        self.stdout.write(self.style.SUCCESS(f"Indexed {indexed} recommendations."))
