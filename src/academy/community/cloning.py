"""Next edition: the group size and the follow-up's timing carry over; groups, the directory and answers
(about people) never do."""

from academy.editions.cloning import copy_settings, part

from .models import CommunitySettings

FIELDS = ["group_size", "followup_months"]


@part("community.settings")
def settings(source, target, clone):
    return copy_settings(CommunitySettings, source, target, FIELDS)
