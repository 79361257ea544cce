from django.conf import settings
from wagtail.admin.panels import Panel


class TranslationStatusPanel(Panel):
    """Each language of the page being edited: ready, stale or missing, with the fields to change that."""

    # Claimed so that Wagtail does not render them a second time, unlabelled, below the form (its
    # `render_missing_fields`): the browser would then post both copies and unticking one would do nothing.
    field_names = ["ready_languages", "confirmed_languages"]

    def get_form_options(self):
        return {"fields": list(self.field_names)}

    class BoundPanel(Panel.BoundPanel):
        template_name = "home/panels/translation_status.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            statuses = self.instance.translation_statuses()
            context["languages"] = [
                {"code": code, "name": name, "status": statuses[code], "source": code == settings.LANGUAGE_CODE}
                for code, name in settings.LANGUAGES
            ]
            context["ready_field"] = self.form["ready_languages"]
            context["confirmed_field"] = self.form["confirmed_languages"]
            return context
