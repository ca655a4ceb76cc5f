"""Training and evaluating the theme classifier: a tiny, fast run in a temp dir."""
from __future__ import annotations

import json

import pytest

from extractors import themes as th
from pipeline import themes_training as tt


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """Two items per theme from the real training data, written to a temp JSONL."""
    items, seen = [], {}
    for item in tt.read_labelled(tt.TRAIN_PATH):
        if len(item["themes"]) == 1 and seen.get(item["themes"][0], 0) < 2:
            seen[item["themes"][0]] = seen.get(item["themes"][0], 0) + 1
            items.append(item)
    path = tmp_path_factory.mktemp("themes") / "tiny.jsonl"
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    return path, items


@pytest.fixture(scope="module")
def trained(tiny, tmp_path_factory):
    path, _ = tiny
    out = tmp_path_factory.mktemp("model") / "themes_model"
    summary = tt.train(path, out, seed=1, epochs=3)
    return out, summary


def test_shipped_data_is_large_and_covers_every_theme():
    train, dev = tt.read_labelled(tt.TRAIN_PATH), tt.read_labelled(tt.DEV_PATH)
    assert len(train) >= 600 and len(dev) >= 150
    for data, minimum in ((train, 20), (dev, 10)):
        for theme in th.THEME_IDS:
            assert sum(theme in i["themes"] for i in data) >= minimum, theme
    assert sum(len(i["themes"]) > 1 for i in train) >= 60          # realistic multi-label items
    assert not {i["text"] for i in train} & {i["text"] for i in dev}


def test_read_labelled_rejects_unknown_theme_ids(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": "x", "themes": ["no_such_theme"]}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no_such_theme"):
        tt.read_labelled(path)


def test_train_writes_a_small_loadable_model(trained, tiny):
    out, summary = trained
    assert summary["items"] == len(tiny[1]) and summary["epochs"] == 3
    assert (out / "config.cfg").exists() and not out.with_name(out.name + ".tmp").exists()
    assert summary["size_bytes"] < 10_000_000
    nlp = th.load_theme_model(out)
    assert th.RULES_KEY in nlp.pipe_names and "textcat_multilabel" in nlp.pipe_names
    assert set(nlp.get_pipe("textcat_multilabel").labels) == set(th.THEME_IDS)
    [result] = th.classify_texts(nlp, ["Utveckla brukarundersökningarna"])
    assert result.themes[0] == "brukarfokus"


def test_training_is_reproducible(tiny):
    path, items = tiny
    texts = [i["text"] for i in items[:5]]
    a = tt.train_pipeline(items, seed=4, epochs=2)
    b = tt.train_pipeline(items, seed=4, epochs=2)
    assert [d.cats for d in a.pipe(texts)] == [d.cats for d in b.pipe(texts)]


def test_evaluate_output_format(trained, tiny):
    out, _ = trained
    path, _ = tiny
    result = tt.evaluate(path, out)
    assert set(result["per_theme"]) == set(th.THEME_IDS)
    for avg in ("micro", "macro"):
        assert set(result[avg]) == {"precision", "recall", "f1"}
        assert all(0.0 <= v <= 1.0 for v in result[avg].values())
    assert 0.0 <= result["best_among_gold"] <= 1.0
    assert {"rules_only", "model_only"} <= set(result)
    report = tt.format_report(result)
    for needle in ("micro avg", "macro avg", "best theme among gold", "brukarfokus", "rules_only"):
        assert needle in report


def test_score_sets_counts():
    gold = [["etik"], ["etik", "information"], ["bemotande"], []]
    pred = [["etik"], ["information"], ["etik"], ["etik"]]
    s = tt.score_sets(gold, pred)
    assert s["per_theme"]["etik"] == {"precision": round(1 / 3, 4), "recall": 0.5, "f1": 0.4, "support": 2}
    assert s["per_theme"]["information"]["f1"] == 1.0
    assert s["micro"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert s["best_among_gold"] == round(2 / 3, 4)     # items with gold labels only
    assert s["macro"]["f1"] == round((0.4 + 1.0 + 0.0) / 3, 4)


def test_cli_evaluate_prints_figures(trained, tiny, capsys):
    out, _ = trained
    path, _ = tiny
    assert tt.main(["evaluate", "--dev", str(path), "--model", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "micro avg" in printed and "best theme among gold" in printed
