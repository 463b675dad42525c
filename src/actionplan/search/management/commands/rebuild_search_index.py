"""``manage.py rebuild_search_index``: make the whole search index again from the plans stored."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from actionplan.search.indexing import index_everything


class Command(BaseCommand):
    help = "Make the search index again from every plan stored (after restoring a backup, or upgrading)."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            plans = index_everything()
        self.stdout.write(f"Indexed {plans} plan{'s' if plans != 1 else ''} for search.")
