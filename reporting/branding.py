"""Agency branding of report emails: the uploaded logo, decoded and re-encoded as a small PNG."""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_UPLOAD_BYTES = 1024 * 1024
# Pillow refuses to decode images with more pixels than this, which stops decompression bombs.
MAX_PIXELS = 4000 * 4000
LOGO_BOX = (480, 160)
ACCEPTED_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


def normalise_logo(upload) -> bytes:
    """Return the uploaded image as PNG bytes fitted into LOGO_BOX.

    Decoding and re-encoding drops anything that is not pixels (metadata, scripts in SVG-like
    payloads, trailing data), so the stored logo is safe to embed in emails and PDFs.
    Raises ValidationError for a file that is too large or is not a PNG, JPEG, GIF or WebP image.
    """
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The logo is %(size)s bytes; the maximum is %(maximum)s bytes. Upload a smaller image."),
            code="logo_too_large", params={"size": upload.size, "maximum": MAX_UPLOAD_BYTES},
        )

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(upload) as image:
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError(_("Upload the logo as a PNG, JPEG, GIF or WebP image."), code="logo_format")
            image.load()
            logo = image.convert("RGBA")
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError):
        raise ValidationError(_("The logo file is not a readable PNG, JPEG, GIF or WebP image."),
                              code="logo_unreadable") from None

    logo.thumbnail(LOGO_BOX)
    buffer = io.BytesIO()
    logo.save(buffer, format="PNG")
    return buffer.getvalue()
