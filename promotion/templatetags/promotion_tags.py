from django import template

register = template.Library()


@register.filter
def capital_usd(project, rate):
    return project.capital_usd(rate)


@register.filter
def dossiers_in_language(project, language):
    return project.dossiers_for(language)
