"""The register in a real browser: search, filters, keyboard, contrast, no personal data, no JavaScript."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from iop.loader import load
from iop.personal import redact, strings

EXAMPLES = Path(__file__).resolve().parents[2] / "agreements"

CONTRAST_SCRIPT = """
() => {
  function rgb(text) {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(',').map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  }
  function lum(c) {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }
  function background(el) {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  }
  const bad = [];
  let checked = 0;
  for (const el of document.querySelectorAll('body *')) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    const style = getComputedStyle(el);
    if (!own || style.visibility === 'hidden' || el.offsetParent === null) continue;
    const fg = rgb(style.color), bg = background(el);
    const l1 = lum(fg), l2 = lum(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    checked += 1;
    if (ratio < 4.5) bad.push(el.tagName + ' ' + ratio.toFixed(2) + ' ' + el.textContent.trim().slice(0, 40));
  }
  return {checked, bad};
}
"""


def personal_names() -> list[str]:
    """Personal values of the example that occur nowhere in its public fields (a role like
    'Verksamhetsledare' in a contact person is also a styrgrupp member's function)."""
    data = load(EXAMPLES / "linkoping-brottsofferjouren.yaml").data
    public = json.dumps(redact(data), ensure_ascii=False)
    names = [s for s in strings(data) if s not in public]
    assert {
        "Maria Holmström",
        "Eva Sandberg",
        "Karl-Erik Wallin",
        "maria.holmstrom@linkoping.example",
    } <= set(names)
    return names


def visible_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all("tbody tr[data-id]:not([hidden])", "rows => rows.map(r => r.dataset.id)")


def test_search_a_party_follow_the_link_and_find_no_personal_data(
    browser: Any, register_site: Path, tmp_path_factory: Any
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((register_site / "index.html").as_uri())
    assert page.title() == "Register över idéburna offentliga partnerskap"
    assert sorted(visible_ids(page)) == ["linkoping-brottsofferjouren", "linkoping-crossroads"]  # no draft
    page.fill("#sok", "brottsofferjouren linköping")
    assert visible_ids(page) == ["linkoping-brottsofferjouren"]
    assert page.inner_text("#antal") == "Visar 1 av 2 överenskommelser."
    shots = tmp_path_factory.mktemp("screenshots")
    page.screenshot(path=str(shots / "register-sok.png"), full_page=True)
    page.click("text=Idéburet offentligt partnerskap om stöd till brottsutsatta")
    assert page.url.endswith("/overenskommelser/linkoping-brottsofferjouren.html")
    page.screenshot(path=str(shots / "register-sida.png"), full_page=True)
    body = page.inner_text("body")
    assert "Brottsofferjouren Linköping" in body and "Social- och omsorgsnämndens ordförande" in body
    assert [name for name in personal_names() if name in page.content()] == []
    assert page.locator("h1").count() == 1
    headings = page.locator("article h2").all_inner_texts()
    assert headings[0].split() == ["1", "Parter"]  # numbered once, like the signing copy
    pdf = page.get_attribute("a:text('PDF')", "href")
    assert pdf is not None
    target = (register_site / "overenskommelser" / pdf).resolve()
    assert target.is_file() and target.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "Brottsofferjouren" in text
    assert [name for name in personal_names() if name in text] == []
    page.close()


def test_filters_by_party_status_area_and_year(browser: Any, register_site: Path) -> None:
    page = browser.new_page()
    page.goto((register_site / "index.html").as_uri())
    page.select_option("#part", "Linköpings Stadsmission")
    assert visible_ids(page) == ["linkoping-crossroads"]
    page.select_option("#part", "")
    page.select_option("#ar", "2024")  # crossroads starts 1 July 2024, brottsofferjouren 1 January 2025
    assert visible_ids(page) == ["linkoping-crossroads"]
    page.select_option("#ar", "2027")
    assert sorted(visible_ids(page)) == ["linkoping-brottsofferjouren", "linkoping-crossroads"]
    page.select_option("#omrade", "Social- och omsorgsnämnden")
    page.select_option("#status", "gällande")
    assert len(visible_ids(page)) == 2
    page.fill("#sok", "finns inte")
    assert visible_ids(page) == [] and page.is_visible("#inga")
    page.click("#rensa")
    page.wait_for_function("document.querySelectorAll('tbody tr[hidden]').length === 0")
    page.close()


def test_keyboard_only_and_contrast(browser: Any, register_site: Path) -> None:
    page = browser.new_page()
    page.goto((register_site / "index.html").as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hoppa till innehållet"
    assert page.is_visible("a.skip")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "sok"
    page.keyboard.type("crossroads")
    assert visible_ids(page) == ["linkoping-crossroads"]
    for _ in range(8):  # through the filters to the first link in the list
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "A":
            break
    assert (
        page.evaluate("document.activeElement.getAttribute('href')")
        == "overenskommelser/linkoping-crossroads.html"
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**/linkoping-crossroads.html")
    for where in (page, None):
        if where is None:
            page.goto((register_site / "index.html").as_uri())
        result = page.evaluate(CONTRAST_SCRIPT)
        assert result["checked"] > 20
        assert result["bad"] == []
    page.close()


def test_the_list_works_without_javascript(browser: Any, register_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((register_site / "index.html").as_uri())
    assert sorted(visible_ids(page)) == ["linkoping-brottsofferjouren", "linkoping-crossroads"]
    assert not page.is_visible("#filter")
    assert page.inner_text("#antal") == "2 överenskommelser i registret."
    context.close()
