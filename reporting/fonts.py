"""Font files for charts and PDFs.

DejaVu Sans ships with matplotlib and has no Chinese glyphs, so zh-hans reports use Noto Sans CJK
from the cvttf-notosanscjk-regular package.
"""

from importlib import resources
from pathlib import Path

import matplotlib

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
# NOTE: this package ships only the Traditional Chinese (TC) version of Noto Sans CJK. It covers
# the Simplified Chinese characters too, but draws some of them (such as 骨 and 直) in their Taiwan
# forms, and centres the full stop 。 instead of placing it at the bottom left as mainland text does.
CJK_FONT_PACKAGE = "cvttf_NotoSansCJK_Regular"
CJK_FONT_FILE = "NotoSansCJKtc-Regular.otf"
CJK_LANGUAGES = {"zh-hans"}


def cjk_font_path():
    """Return the path of the Noto Sans CJK font file inside its installed package."""
    return resources.files(CJK_FONT_PACKAGE) / CJK_FONT_FILE
