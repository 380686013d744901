"""The visible stamp drawn in a signed field, with an embedded font (PDF/A needs one).

pyHanko's default stamp uses Courier without embedding it. This style embeds a subset
of Noto Sans (1000 units per em, which pyHanko measures correctly) from
``render/fonts/`` and states who signed, when, and which version of the agreement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from iop.assets import asset

if TYPE_CHECKING:
    from pyhanko.stamp import TextStampStyle

STAMP_FONT = ("render", "fonts", "NotoSans-Regular.ttf")
TIME_FORMAT = "%Y-%m-%d %H:%M %Z"


def stamp_text(version: str | None, agreement_id: str | None) -> str:
    """The stamp's template; ``%(signer)s`` and ``%(ts)s`` are filled in by pyHanko."""
    lines = ["Digitalt undertecknad av", "%(signer)s", "%(ts)s"]
    if version:
        lines.append(f"Version {version}" + (f" · {agreement_id}" if agreement_id else ""))
    # '%' in user data must not be read as a template parameter.
    return "\n".join(line if line.startswith("%(") else line.replace("%", "%%") for line in lines)


def stamp_style(version: str | None, agreement_id: str | None) -> TextStampStyle:
    """A text stamp in the embedded font, thin border, no background art."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    font = GlyphAccumulatorFactory(str(asset(*STAMP_FONT)), font_size=9)
    return TextStampStyle(
        stamp_text=stamp_text(version, agreement_id),
        timestamp_format=TIME_FORMAT,
        text_box_style=TextBoxStyle(font=font, font_size=9, leading=11),
        border_width=1,
        background=None,
        inner_content_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MIN,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins(4, 4, 4, 4),
        ),
    )
