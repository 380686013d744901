"""Word-level differences: the building block of the redlines."""

from __future__ import annotations

from iop.revision.diff import match_items, moved_pairs
from iop.revision.words import Segment, clip, tokens, word_diff


def joined(segments: list[Segment], op: str) -> str:
    return "".join(s.text for s in segments if s.op in ("equal", op))


def test_tokens_round_trip() -> None:
    text = "Föreningen får 553 200 kr/år (§ 45), se bilaga 2.\n\nNy rad."
    assert "".join(tokens(text)) == text


def test_word_diff_rebuilds_both_sides_and_marks_only_changed_words() -> None:
    old = "Kommunen betalar ut medlen i två delar per år."
    new = "Kommunen betalar ut medlen i fyra delar per år."
    segments = word_diff(old, new)
    assert joined(segments, "delete") == old and joined(segments, "insert") == new
    assert [s.text for s in segments if s.op != "equal"] == ["två", "fyra"]


def test_rewrapped_lines_are_not_changes() -> None:
    old = "Parterna möts\nfyra gånger per år."
    new = "Parterna möts fyra\ngånger per år."
    assert all(s.op == "equal" for s in word_diff(old, new))


def test_rewritten_text_is_shown_whole() -> None:
    segments = word_diff("Ett helt annat syfte än tidigare.", "Nytt innehåll utan gemensamma ord")
    assert [s.op for s in segments] == ["delete", "insert"]


def test_clip_keeps_context_around_changes() -> None:
    words = " ".join(f"w{i}" for i in range(40))
    segments = clip(word_diff(words, words.replace("w20", "NY")), 3)
    shown = "".join(s.text for s in segments)
    assert shown.startswith("… w17 w18 w19 ") and shown.endswith(" w21 w22 w23 …")


def test_moves_are_the_items_outside_the_longest_kept_order() -> None:
    old = ["a", "b", "c", "d"]
    new = ["b", "c", "d", "a"]
    pairs = match_items(old, new)
    assert pairs == [(0, 3), (1, 0), (2, 1), (3, 2)]
    assert moved_pairs(pairs) == {(0, 3)}
    # an insertion shifts positions but moves nothing
    assert moved_pairs(match_items(old, ["x", *old])) == set()


def test_parties_match_by_id_even_when_every_field_changed() -> None:
    old = [{"id": "kommunen", "namn": "A"}, {"id": "foreningen", "namn": "B"}]
    new = [{"id": "foreningen", "namn": "C"}, {"id": "kommunen", "namn": "D"}]
    assert match_items(old, new) == [(0, 1), (1, 0)]
