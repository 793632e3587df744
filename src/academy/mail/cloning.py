"""Next edition: the edition's own mail templates carry over; the outbox and its batches never do."""

from academy.editions.cloning import part

from .services import copy_templates


@part("mail.templates")
def templates(source, target, clone):
    return copy_templates(source, target, by=clone.by)
