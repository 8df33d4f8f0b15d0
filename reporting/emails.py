"""Render a report as a template triplet (subject, text, HTML) in the schedule's language and time zone."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from reporting.content import ReportContent
from reporting.models import ReportSchedule

SUBJECT_TEMPLATE = "reporting/email/{frequency}_subject.txt"
TEXT_TEMPLATE = "reporting/email/{frequency}_body.txt"
HTML_TEMPLATE = "reporting/email/{frequency}_body.html"


@dataclass(frozen=True)
class RenderedReport:
    subject: str
    text: str
    html: str


def render_report(schedule: ReportSchedule, content: ReportContent) -> RenderedReport:
    """Render the three parts with the schedule's language and time zone active."""
    context = {"schedule": schedule, "report": content}
    names = {"frequency": schedule.frequency}

    with translation.override(schedule.language), timezone.override(schedule.zone):
        subject = render_to_string(SUBJECT_TEMPLATE.format(**names), context)
        text = render_to_string(TEXT_TEMPLATE.format(**names), context)
        html = render_to_string(HTML_TEMPLATE.format(**names), context)

    # A header line cannot contain line breaks, so the subject template's lines are joined.
    subject = " ".join(subject.split())
    return RenderedReport(subject=subject, text=text, html=html)


def build_message(rendered: RenderedReport, recipients: list[str]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
    message.attach_alternative(rendered.html, "text/html")
    return message
