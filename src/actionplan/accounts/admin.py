"""Admin pages for people: role, establishments and inspectorate beside Django's own user fields."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from actionplan.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active", "establishments", "inspectorate")
    search_fields = ("username", "email", "first_name", "last_name")
    filter_horizontal = ("establishments", "groups", "user_permissions")
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("Role in the service", {"fields": ("role", "establishments", "inspectorate")}),
    )
