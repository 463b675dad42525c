"""Admin pages for people: their memberships (role and where it is held) beside Django's own user fields."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from actionplan.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    fields = ("role", "establishment", "inspectorate")
    autocomplete_fields = ("establishment",)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "is_active")
    list_filter = ("memberships__role", "is_active", "memberships__establishment", "memberships__inspectorate")
    search_fields = ("username", "email", "first_name", "last_name")
    inlines = (MembershipInline,)
