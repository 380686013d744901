"""Agreement text is text: markup of any kind appears literally and never runs, in every format."""

from __future__ import annotations

import html
import re
import zipfile

import pikepdf
from render_helpers import Rendered, flat, pdf_text

# Strings from tests/render/data/injektion.yaml, as a reader must see them.
LITERALS = [
    'Titel #read("/etc/passwd") <script>alert(1)</script> \\input{/etc/passwd}',
    'Föreningen ]#panic("namn")[ <b>fet</b> $x^2$',
    "```{=typst}",
    '#read("/etc/hostname")',
    '<script>alert("raw")</script>',
    '`#panic("inline")`{=typst}',
    "`<i>x</i>`{=html}",
    "`\\input{/etc/passwd}`{=latex}",
    '#import "/etc/passwd": *',
    "#set page(fill: red)",
    "= Inte en rubrik",
    "\\begin{document} \\end{document} <!-- kommentar -->",
    "[länk](javascript:alert(1)) **inte fet** @ref <etikett>",
    '#include "/etc/passwd" <img src=x onerror=alert(1)>',
    "$ 1 + 1 $ // kommentar /* block */ \\\\ slut",
]


def secrets() -> list[str]:
    """Content of files the hostile text names; none of it may reach an output."""
    found = []
    for name in ("/etc/passwd", "/etc/hostname"):
        try:
            with open(name, encoding="utf-8") as handle:
                lines = [line.strip() for line in handle if len(line.strip()) > 3]
        except OSError:
            continue
        found += lines[:3]
    return found


def test_rendered_as_draft(injection: Rendered) -> None:
    assert injection.result.exit_code == 0, injection.result.output


def test_pdf_shows_markup_literally(injection: Rendered) -> None:
    text = pdf_text(injection.output("pdf"))
    flattened = flat(text)
    for literal in LITERALS:
        assert flat(literal) in flattened, literal
    for secret in secrets():
        assert flat(secret) not in flattened
    with pikepdf.open(injection.output("pdf")) as pdf:
        # `#set page(fill: red)` did not run: pages have no background fill.
        assert b"1 0 0 rg" not in b"".join(p.Contents.read_bytes() for p in pdf.pages if "/Contents" in p)
        # the footer shows the hostile diarienummer as text (the id is in the metadata)
        assert 'Dnr KS #read("/etc/passwd") ]#panic("dnr")[ 2025/77 · sida 1' in text
        names = [str(f.T) for f in pdf.Root.AcroForm.Fields]
    assert names == ["kommunen", "foreningen"]


def test_html_escapes_everything(injection: Rendered) -> None:
    page = injection.output("html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert not re.search(r"<(img|b|i|iframe|link)[\s>]", page)
    assert "javascript:" not in re.sub(r">[^<]*<", "><", page), "no link with a javascript: target"
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    for literal in LITERALS:
        assert flat(literal) in flat(shown), literal
    for secret in secrets():
        assert secret not in page


def test_docx_keeps_text_as_text(injection: Rendered) -> None:
    with zipfile.ZipFile(injection.output("docx")) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
        names = docx.namelist()
    assert not [n for n in names if n.startswith("word/media")]
    words = html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", body)))
    for literal in LITERALS:
        if literal.startswith("Titel"):
            continue  # the title lives in the Title paragraph, checked below
        assert flat(literal) in flat(words), literal
    assert flat(LITERALS[0]) in flat(words)
    for secret in secrets():
        assert secret not in body
