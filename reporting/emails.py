"""Render a report: subject, text and HTML in the schedule's language and time zone, chart images and a PDF.

The HTML refers to its images as cid: URLs, and build_message attaches them as inline parts of a
multipart/related block. The browser preview swaps them for data: URLs of the same bytes.
"""

import base64
from dataclasses import dataclass, field, replace
from email.mime.image import MIMEImage

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import SafeMIMEMultipart
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reporting import charts, pdf
from reporting.content import ReportContent
from reporting.models import Frequency, ReportSchedule
from reporting.report_data import bandwidth_chart_table

SUBJECT_TEMPLATE = "reporting/email/report_subject.txt"
TEXT_TEMPLATE = "reporting/email/report_body.txt"
HTML_TEMPLATE = "reporting/email/report_body.html"


@dataclass(frozen=True)
class RenderedReport:
    """The parts of one report email. `images` maps content IDs to PNG bytes; `pdf` is the attachment."""

    subject: str
    text: str
    html: str
    images: dict = field(default_factory=dict)
    pdf: bytes = b""
    pdf_filename: str = "report.pdf"

    def html_with_data_images(self) -> str:
        """Return the HTML with every cid: image replaced by a data: URL, for showing in a browser."""
        html = self.html
        for cid, png in self.images.items():
            html = html.replace(f"cid:{cid}", "data:image/png;base64," + base64.b64encode(png).decode())
        return html


def report_title(schedule: ReportSchedule, content: ReportContent) -> str:
    if schedule.frequency == Frequency.MONTHLY:
        return _("Monthly report for %(label)s") % {"label": content.connection_label}
    return _("Weekly report for %(label)s") % {"label": content.connection_label}


def render_images(schedule: ReportSchedule, content: ReportContent) -> dict:
    """Return {content ID: PNG bytes} for the logo and every chart that has data."""
    accent = schedule.accent_colour or charts.DEFAULT_ACCENT
    images = {}
    if schedule.brand_logo_png:
        images["logo"] = bytes(schedule.brand_logo_png)
    if content.has_traffic:
        images["traffic-visitors"] = charts.render_png(content.traffic, accent=accent)
        images["traffic-bandwidth"] = charts.render_png(bandwidth_chart_table(content.traffic), accent=accent)
    if content.cache is not None:
        images["cache-status"] = charts.render_png(content.cache, accent=accent)
    return {cid: png for cid, png in images.items() if png}


def render_report(schedule: ReportSchedule, content: ReportContent, *, unsubscribe_url: str = "") -> RenderedReport:
    """Render every part, and the charts' date labels, with the schedule's language and time zone active."""
    with translation.override(schedule.language), timezone.override(schedule.zone):
        images = render_images(schedule, content)
        title = report_title(schedule, content)
        rendered = _render_parts(schedule, content, title, images, unsubscribe_url)
        document = pdf.build_report_pdf(schedule, content, title, images)

    filename = f"report-{content.period_end.astimezone(schedule.zone):%Y-%m-%d}.pdf"
    return replace(rendered, pdf=document, pdf_filename=filename)


def for_recipient(rendered: RenderedReport, schedule, content, *, unsubscribe_url: str) -> RenderedReport:
    """Return `rendered` with text and HTML rendered again to carry one recipient's unsubscribe link."""
    with translation.override(schedule.language), timezone.override(schedule.zone):
        title = report_title(schedule, content)
        parts = _render_parts(schedule, content, title, rendered.images, unsubscribe_url)
    return replace(rendered, text=parts.text, html=parts.html)


def _render_parts(schedule, content, title, images, unsubscribe_url):
    context = {
        "schedule": schedule,
        "report": content,
        "title": title,
        "images": images,
        "accent": schedule.accent_colour or charts.DEFAULT_ACCENT,
        "summary_facts": pdf.summary_facts(content),
        "failures": pdf.failure_lines(content),
        "unsubscribe_url": unsubscribe_url,
    }
    subject = render_to_string(SUBJECT_TEMPLATE, context)
    text = render_to_string(TEXT_TEMPLATE, context)
    html = render_to_string(HTML_TEMPLATE, context)

    # A header line cannot contain line breaks, so the subject template's lines are joined.
    subject = " ".join(subject.split())
    return RenderedReport(subject=subject, text=text, html=html, images=images)


class ReportMessage(EmailMultiAlternatives):
    """An email whose HTML alternative is wrapped in multipart/related with its inline images.

    The structure is mixed( alternative( text, related( html, images... ) ), report.pdf ).
    """

    def __init__(self, *args, inline_images=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.inline_images = inline_images or {}

    def _create_alternatives(self, msg):
        msg = super()._create_alternatives(msg)
        if not self.inline_images or not msg.is_multipart():
            return msg

        parts = msg.get_payload()
        html_part = parts[-1]
        related = SafeMIMEMultipart(_subtype="related", encoding=self.encoding or settings.DEFAULT_CHARSET)
        related.attach(html_part)
        for cid, png in self.inline_images.items():
            image = MIMEImage(png, "png")
            image.add_header("Content-ID", f"<{cid}>")
            image.add_header("Content-Disposition", "inline", filename=f"{cid}.png")
            related.attach(image)
        parts[-1] = related
        return msg


def build_message(rendered: RenderedReport, recipients: list[str], *, unsubscribe_url: str = "") -> ReportMessage:
    """Build the email; with `unsubscribe_url`, add the RFC 8058 one-click List-Unsubscribe headers."""
    headers = {}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"

    message = ReportMessage(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        headers=headers,
        inline_images=rendered.images,
    )
    message.attach_alternative(rendered.html, "text/html")
    if rendered.pdf:
        message.attach(rendered.pdf_filename, rendered.pdf, "application/pdf")
    return message
