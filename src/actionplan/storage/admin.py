"""Admin pages a coordinator could use: search by establishment and ref, filter by status and decision."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from actionplan.owners.models import ActionOwner
from actionplan.storage import models


@admin.register(models.Inspectorate)
class InspectorateAdmin(admin.ModelAdmin):
    list_display = ("short_name", "name")
    search_fields = ("short_name", "name")


@admin.register(models.Establishment)
class EstablishmentAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "inspectorate")
    list_filter = ("kind", "inspectorate")
    search_fields = ("name",)


class ActionPlanInline(admin.StackedInline):
    model = models.ActionPlan
    fields = ("establishment_as_written", "status", "submitted", "published")
    extra = 0
    show_change_link = True


@admin.register(models.Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ("establishment", "kind", "inspection_dates", "report_published")
    list_filter = ("kind", "inspectorate", "report_published")
    search_fields = ("establishment__name", "title")
    date_hierarchy = "report_published"
    autocomplete_fields = ("establishment",)
    inlines = [ActionPlanInline]


class RecommendationInline(admin.TabularInline):
    model = models.Recommendation
    fields = ("position", "ref", "kind", "decision", "text")
    extra = 0
    show_change_link = True


@admin.register(models.ActionPlan)
class ActionPlanAdmin(SimpleHistoryAdmin):
    list_display = ("establishment_as_written", "report_published", "status", "submitted", "published")
    list_filter = ("status", "inspection__inspectorate", "inspection__establishment")
    search_fields = ("establishment_as_written", "inspection__establishment__name", "recommendations__ref")
    list_select_related = ("inspection",)
    inlines = [RecommendationInline]

    @admin.display(ordering="inspection__report_published", description="Report published")
    def report_published(self, obj: models.ActionPlan) -> object:
        return obj.inspection.report_published


class ActionInline(admin.TabularInline):
    model = models.Action
    fields = ("position", "text", "owner", "target_text", "target_kind", "target_date")
    extra = 0


@admin.register(models.Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ("ref", "plan", "kind", "decision", "section")
    list_filter = ("decision", "kind", "plan__inspection__establishment")
    search_fields = ("ref", "text", "concern", "response", "plan__establishment_as_written")
    list_select_related = ("plan__inspection__establishment",)
    inlines = [ActionInline]


class ActionOwnerInline(admin.TabularInline):
    """The action's owners in the plan's order, each linked to the directory's post or organisation once matched:
    the holders of those owners are the people the action belongs to."""

    model = ActionOwner
    fields = ("position", "written", "owner")
    autocomplete_fields = ("owner",)
    extra = 0


@admin.register(models.Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ("recommendation", "owner", "target_text", "target_date", "target_kind")
    list_filter = ("target_kind", "recommendation__plan__inspection__establishment")
    search_fields = ("owner", "text", "recommendation__ref")
    list_select_related = ("recommendation__plan",)
    inlines = [ActionOwnerInline]
