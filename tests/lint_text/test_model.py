"""The learned second opinion as data: plain JSON, strict reading, deterministic training."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iop.lint.text.model import FORMAT, Model, ModelError, default_path, dump, parse, read, train

SAMPLES = [
    ("Kommunen köper platser av föreningen till ett fast pris per dygn.", "ekonomi", 1.0),
    ("Föreningen fakturerar kommunen för varje utförd timme.", "ekonomi", 1.0),
    ("Leverantören ska leverera tjänsten enligt kravspecifikationen.", "insatser", 1.0),
    ("Parterna formulerar tillsammans målen för det gemensamma arbetet.", "syfte", 0.0),
    ("Föreningen bidrar med ideella ledare och kommunen med lokaler.", "ekonomi", 0.0),
    ("Styrgruppen följer upp arbetet två gånger per år i dialog.", "uppföljning", 0.0),
]


def test_shipped_model_reads_and_separates_plain_cases() -> None:
    model = read(default_path())
    assert model.weights and 0.0 <= model.veto <= model.confirm <= model.second <= 1.0
    risky = model.score("Utföraren ska leverera tjänsten till beställaren mot ett timpris.", "insatser")
    benign = model.score("Parterna utvecklar verksamheten tillsammans i styrgruppen.", "syfte")
    assert risky > model.second > benign


def test_training_is_deterministic_and_learns(tmp_path: Path) -> None:
    first, second = train(SAMPLES, epochs=30), train(SAMPLES, epochs=30)
    assert first.weights == second.weights and first.bias == second.bias
    assert first.score("Kommunen köper platser per dygn.", "ekonomi") > 0.5
    assert first.score("Parterna formulerar målen tillsammans.", "syfte") < 0.5
    path = tmp_path / "m.json"
    dump(Model(first.weights, first.bias, 0.8, 0.1, 0.3), path, {"test": True})
    again = read(path)
    assert (again.second, again.veto, again.confirm) == (0.8, 0.1, 0.3)
    assert again.score("Kommunen köper platser per dygn.") == pytest.approx(
        first.score("Kommunen köper platser per dygn."), abs=1e-2
    )


def test_explanation_names_content_words_that_weighed_most() -> None:
    model = Model({"w:timpris": 3.0, "w:som": 2.0, "w:styrgrupp": -2.0, "w:lokal": 0.5}, -1.0)
    # "som" weighs but explains nothing; "styrgruppen" pulls the other way
    assert model.explain("Timpriset som styrgruppen satt gäller lokalen.") == ["Timpriset", "lokalen"]


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ({"format": "annat"}, "iop-lou-modell/1"),
        ({"format": FORMAT, "bias": 0, "weights": []}, "'weights'"),
        ({"format": FORMAT, "bias": 0, "weights": {"w:köp": "mycket"}}, "w:köp"),
        ({"format": FORMAT, "bias": 0, "weights": {"w:köp": True}}, "w:köp"),
        ({"format": FORMAT, "bias": "noll", "weights": {}}, "bias"),
    ],
)
def test_a_malformed_model_is_a_clear_error_in_both_languages(raw: object, fragment: str) -> None:
    with pytest.raises(ModelError) as err:
        parse(raw, "lou-modell.json")
    assert fragment in err.value.message["sv"] and fragment in err.value.message["en"]
    assert err.value.message["sv"].startswith("lou-modell.json: ")


def test_an_unreadable_model_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "trasig.json"
    path.write_text("{inte json", encoding="utf-8")
    with pytest.raises(ModelError) as err:
        read(path)
    assert "trasig.json" in err.value.message["sv"]
    assert json.loads(default_path().read_text(encoding="utf-8"))["format"] == FORMAT


def test_the_fast_score_is_the_sum_of_the_explained_features() -> None:
    import math

    from iop.lint.text.model import features

    model = read(default_path())
    for sentence, section in [(t, s) for t, s, _ in SAMPLES] + [
        ("Kommunen köper inte platser utan bidrar.", ""),
        # a new clause ends the negation's reach in the fast score as in the features
        ("Kommunen köper inte platser men föreningen får ersättning per plats.", "ekonomi"),
        ("Avtalet omfattas inte av något ramavtal och värdet är lågt har kommunen köpt in den direkt.", ""),
    ]:
        z = model.bias + (model.weights.get(f"s:{section}", 0.0) if section else 0.0)
        z += sum(model.weights.get(f, 0.0) for feats in features(sentence, model.heads) for f in feats)
        assert model.score(sentence, section) == pytest.approx(1 / (1 + math.exp(-z)))


def test_a_compound_is_read_by_its_known_head() -> None:
    from iop.lint.text.model import compound_heads

    heads = frozenset({"ersättning", "bidrag", "grund"})
    assert compound_heads("grundersättning", heads) == ["ersättning"]
    assert compound_heads("ersättning", heads) == []  # the word itself is no compound of itself
    assert compound_heads("bidrag", heads) == []  # too short to hold a modifier and a head
    samples = [
        ("Föreningen får en ersättning per deltagare och månad för stödet.", "ekonomi", 1.0),
        ("Kommunen betalar dygnsersättning för varje plats till föreningen.", "ekonomi", 1.0),
        ("Utföraren får timersättning för varje utförd timme.", "ekonomi", 1.0),
        ("Parterna bidrar båda med personal och lokaler till mötesplatsen.", "ekonomi", 0.0),
        ("Styrgruppen träffas fyra gånger om året och följer upp målen.", "ekonomi", 0.0),
    ]
    model = train(samples * 3, prune=0.0)
    assert "ersättning" in model.heads  # learnt from the compounds in training
    # a compound never seen in training ("nattersättning") weighs as the head of those did
    unseen = "Föreningen får nattersättning från kommunen."
    without = Model({k: v for k, v in model.weights.items() if not k.startswith("h:")}, model.bias)
    assert model.score(unseen, "ekonomi") > without.score(unseen, "ekonomi")


def test_a_late_denial_reaches_back_in_the_model() -> None:
    from iop.lint.text.model import negation_scope
    from iop.lint.text.tokens import tokenize

    def negated(sentence: str) -> set[str]:
        toks = tokenize(sentence)
        return {t.low for t, n in zip(toks, negation_scope(toks), strict=True) if n}

    # a polarity word opening the clause takes the denial at its end
    assert {"viten", "tillämpas"} <= negated("Några viten tillämpas inte i partnerskapet.")
    # a denied verb of inclusion excludes what stands before it in the sentence
    assert {"direktupphandling"} <= negated("Reglerna om direktupphandling berör inte överenskommelsen.")
    # without a late denial nothing before it is negated
    assert negated("Några viten tillämpas vid försening.") == set()
