"""The owner directory in the admin, for administrators setting up establishments."""

from django.contrib import admin

from actionplan.owners.models import Holding, OtherName, Owner


class OtherNameInline(admin.TabularInline):
    model = OtherName
    extra = 1
    fields = ["text", "establishment"]


class HoldingInline(admin.TabularInline):
    model = Holding
    extra = 1


@admin.register(Owner)
class OwnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "national"]
    list_filter = ["kind", "national"]
    search_fields = ["name", "other_names__text"]
    filter_horizontal = ["establishments"]
    inlines = [OtherNameInline, HoldingInline]
