"""Set-password links for people invited to a team before they had a dashboard login.

The link carries Django's password-reset token, so it stops working once the password is set, and
after PASSWORD_RESET_TIMEOUT seconds.
"""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

SECONDS_PER_DAY = 24 * 60 * 60


def link_lifetime_text():
    """Return how long a set-password link stays valid, in whole days or else in hours, as translated text."""
    seconds = settings.PASSWORD_RESET_TIMEOUT
    if seconds >= SECONDS_PER_DAY:
        days = seconds // SECONDS_PER_DAY
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    hours = max(1, seconds // 3600)
    return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}


def set_password_url(request, user):
    """Return the absolute URL of the page where `user` sets a first password."""
    path = reverse("accounts:invitation_accept", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    })
    return request.build_absolute_uri(path)


def send_invitation(*, membership, inviter, url):
    """Email the set-password link to the invited user; return False when the mail server rejects it.

    A failed send is logged and not raised, because the inviter is also shown the link and can pass it on.
    """
    context = {
        "team": membership.team.name,
        "inviter": inviter.email,
        "role": membership.get_role_display(),
        "url": url,
        "lifetime": link_lifetime_text(),
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/email/invitation_body.txt", context)

    try:
        send_mail(subject, body, None, [membership.user.email])
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Invitation email to user %s for team %s failed: %s",
                       membership.user_id, membership.team_id, type(error).__name__)
        return False
    logger.info("Sent an invitation email to user %s for team %s", membership.user_id, membership.team_id)
    return True
