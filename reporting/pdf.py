"""The PDF attachment of a report email, drawn with fpdf2 from the same facts and chart images as the email.

English reports use DejaVu Sans and zh-hans reports Noto Sans CJK (see reporting.fonts); fpdf2
embeds only the glyphs that the report uses.
"""

import io
import logging

from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from fpdf import FPDF

from reporting import charts
from reporting.fonts import CJK_LANGUAGES, FONT_DIR, cjk_font_path
from reporting.formatting import grouped, local_datetime

logger = logging.getLogger(__name__)

FONT = "DejaVu"
CJK_FONT = "NotoSansCJK"
PAGE_WIDTH_MM = 180
CHART_HEIGHT_MM = PAGE_WIDTH_MM * charts.HEIGHT_INCHES / charts.WIDTH_INCHES
# The gap above a heading (3 mm) plus its 12-point line (6 mm).
HEADING_HEIGHT_MM = 9


def _hex_to_rgb(colour):
    return tuple(int(colour[index:index + 2], 16) for index in (1, 3, 5))


class _ReportPDF(FPDF):
    def __init__(self, footer_text, language):
        super().__init__(format="A4")
        self.footer_text = footer_text
        if language in CJK_LANGUAGES:
            # The package has no bold weight, so bold text is drawn in the regular weight.
            self.add_font(CJK_FONT, "", str(cjk_font_path()))
            self.report_font = CJK_FONT
            self.bold_style = ""
        else:
            self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
            self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
            self.report_font = FONT
            self.bold_style = "B"

    def footer(self):
        if not self.footer_text:
            return
        self.set_y(-15)
        self.set_font(self.report_font, "", 8)
        self.set_text_color(110, 110, 110)
        self.multi_cell(0, 4, self.footer_text, align="C")


def build_report_pdf(schedule, content, title, images) -> bytes:
    """Return the report as PDF bytes. `images` maps content IDs (as in the HTML) to PNG bytes."""
    pdf = _ReportPDF(schedule.footer_text, schedule.language)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    accent = _hex_to_rgb(schedule.accent_colour or "#0d6efd")

    if "logo" in images:
        pdf.image(io.BytesIO(images["logo"]), h=14)
    if schedule.brand_name:
        _line(pdf, schedule.brand_name, size=10, bold=True)

    _line(pdf, title, size=16, bold=True, colour=accent)
    if content.client_name:
        _line(pdf, _("Client: %(client)s") % {"client": content.client_name})
    _line(pdf, _("Period: %(start)s to %(end)s (%(zone)s)") % {
        "start": local_datetime(content.period_start, schedule.zone),
        "end": local_datetime(content.period_end, schedule.zone),
        "zone": schedule.timezone,
    })
    pdf.ln(3)

    if content.api_error:
        _line(pdf, _("NOTICE: The Rocket.net API could not be read for this report, so it has no site figures this time."),
              bold=True)
        _line(pdf, _("Error: %(error)s") % {"error": content.api_error})
    else:
        _heading(pdf, pgettext("report section", "Summary"), accent)
        for fact in summary_facts(content):
            _line(pdf, fact)

        for cid, caption in (("traffic-visitors", _("Unique visitors per day")),
                             ("traffic-bandwidth", _("Bandwidth per day")),
                             ("cache-status", _("Requests by cache status"))):
            if cid in images:
                # A heading left at the foot of a page with its chart on the next reads as a missing chart.
                if pdf.will_page_break(HEADING_HEIGHT_MM + CHART_HEIGHT_MM):
                    pdf.add_page()
                _heading(pdf, caption, accent)
                pdf.image(io.BytesIO(images[cid]), w=PAGE_WIDTH_MM)

        _heading(pdf, _("Sites"), accent)
        for site in content.sites:
            size = filesizeformat(site.disk_usage_bytes) if site.disk_usage_bytes is not None else _("unknown")
            _line(pdf, f"{site.name} ({site.domain}): {size}, {site.status or '-'}", bold=True)
            for backup in site.backups:
                _line(pdf, f"    {local_datetime(backup.created, schedule.zone)}  {backup.label or '-'}  {backup.status}",
                      size=9)

    _heading(pdf, _("Changes made through the dashboard"), accent)
    if not content.changes:
        _line(pdf, _("No changes in this period."))
    for event in content.changes:
        _line(pdf, change_line(event, schedule.zone), size=9)

    failures = failure_lines(content)
    _heading(pdf, _("What failed"), accent)
    if not failures:
        _line(pdf, _("Nothing failed in this period."))
    for failure in failures:
        _line(pdf, failure, size=9)

    return bytes(pdf.output())


def change_line(event, zone):
    """Return one row of the changes section as the PDF prints it; the email templates print the same fields."""
    parts = [local_datetime(event.created_at, zone), event.description, event.site_label, event.target]
    line = "  ".join(part for part in parts if part)
    return f"{line}  ({event.result})"


def summary_facts(content):
    """Return the summary lines shared by the PDF; the email templates spell out the same facts."""
    facts = [
        _("Sites: %(count)s") % {"count": content.site_count},
        _("Total disk usage: %(size)s") % {"size": filesizeformat(content.total_disk_usage_bytes)},
        _("Backups made in the period: %(count)s") % {"count": content.backup_count},
    ]
    if content.traffic is not None and content.traffic_days:
        facts.append(_("Traffic counts the whole days from %(first)s to %(last)s.") % {
            "first": format_date(content.traffic_days[0], "DATE_FORMAT"),
            "last": format_date(content.traffic_days[1], "DATE_FORMAT"),
        })
    if content.traffic is not None:
        facts.append(_("Unique visitors: %(count)s") % {"count": grouped(content.total_visitors)})
        facts.append(_("Bandwidth: %(size)s") % {"size": filesizeformat(content.total_bandwidth_bytes)})
    if content.waf:
        facts.append(_("WAF events: %(count)s") % {"count": grouped(content.waf_total)})
        facts.extend(f"  {total.label}: {grouped(total.value)}" for total in content.waf)
    for site in content.unhealthy_sites:
        facts.append(_("Site %(site)s is %(status)s") % {"site": site.name, "status": site.status})
    return facts


def failure_lines(content):
    lines = []
    for job in content.failed_jobs:
        lines.append(_("Job failed: %(job)s on %(site)s: %(error)s") % {
            "job": job.get_kind_display(), "site": job.site_label or job.site_id, "error": job.error})
    for problem in content.problems:
        lines.append(_("%(section)s of %(site)s could not be read: %(error)s") % {
            "section": problem.section, "site": problem.site, "error": problem.error})
    for site in content.sites:
        if site.backups_error:
            lines.append(_("Backups of %(site)s could not be read: %(error)s") % {
                "site": site.name, "error": site.backups_error})
    return lines


def _heading(pdf, text, accent):
    pdf.ln(3)
    _line(pdf, text, size=12, bold=True, colour=accent)


def _line(pdf, text, *, size=10, bold=False, colour=(31, 41, 51)):
    pdf.set_font(pdf.report_font, pdf.bold_style if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, size * 0.5, str(text), new_x="LMARGIN", new_y="NEXT")
