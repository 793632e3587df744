from django.contrib import admin

from .models import MailTemplate, OutboxMessage, SendBatch


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """The whole outbox, account mails included, for the platform admin; read-only: mail changes go through services."""

    list_display = ["created_at", "to_email", "subject", "purpose", "state", "attempts", "sent_at"]
    list_filter = ["state", "purpose", "edition"]
    search_fields = ["to_email", "subject", "message_id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MailTemplate)
class MailTemplateAdmin(admin.ModelAdmin):
    list_display = ["edition", "purpose", "subject", "updated_at"]
    list_filter = ["edition", "purpose"]
    readonly_fields = ["edition", "purpose", "subject", "body", "updated_at", "updated_by"]

    def has_add_permission(self, request):
        return False


@admin.register(SendBatch)
class SendBatchAdmin(admin.ModelAdmin):
    list_display = ["created_at", "edition", "size", "created_by"]
