from modeltranslation.translator import TranslationOptions, register

from .models import Plan, PlanPage, ReportingDeadline, Task, Unit


@register(Unit)
class UnitTR(TranslationOptions):
    fields = ("name",)


@register(Plan)
class PlanTR(TranslationOptions):
    fields = ("title",)


@register(ReportingDeadline)
class ReportingDeadlineTR(TranslationOptions):
    fields = ("name",)


@register(Task)
class TaskTR(TranslationOptions):
    fields = ("title", "content")


@register(PlanPage)
class PlanPageTR(TranslationOptions):
    fields = ("intro",)
