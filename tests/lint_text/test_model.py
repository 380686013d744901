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
        z += sum(model.weights.get(f, 0.0) for feats in features(sentence) for f in feats)
        assert model.score(sentence, section) == pytest.approx(1 / (1 + math.exp(-z)))
