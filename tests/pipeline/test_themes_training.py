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
    for item in tt.read_labelled(tt.TRAIN_PATHS[0]):
        if len(item["themes"]) == 1 and seen.get(item["themes"][0], 0) < 2:
            seen[item["themes"][0]] = seen.get(item["themes"][0], 0) + 1
            items.append(item)
    path = tmp_path_factory.mktemp("themes") / "tiny.jsonl"
    path.write_text(
        "".join(json.dumps({"text": i["text"], "themes": i["themes"]}, ensure_ascii=False) + "\n" for i in items),
        encoding="utf-8",
    )
    return path, items


@pytest.fixture(scope="module")
def trained(tiny, tmp_path_factory):
    path, _ = tiny
    out = tmp_path_factory.mktemp("model") / "themes_model"
    summary = tt.train([path], out, seed=1, epochs=3)
    return out, summary


def test_shipped_data_is_large_and_covers_every_theme():
    train, dev, terse = tt.read_all(tt.TRAIN_PATHS), tt.read_labelled(tt.DEV_PATH), tt.read_labelled(tt.TERSE_DEV_PATH)
    assert len(train) >= 1000 and len(dev) >= 150 and len(terse) >= 300
    for data, minimum in ((train, 20), (dev, 10), (terse, 10)):
        for theme in th.THEME_IDS:
            assert sum(theme in i["themes"] for i in data) >= minimum, theme
    assert sum(len(i["themes"]) > 1 for i in train) >= 60  # realistic multi-label items
    texts = {i["text"].casefold() for i in train}
    assert not texts & {i["text"].casefold() for i in dev} and not texts & {i["text"].casefold() for i in terse}


def test_terse_dev_set_is_terse_and_carries_its_context():
    terse = tt.read_labelled(tt.TERSE_DEV_PATH)
    words = [len(i["text"].split()) for i in terse]
    assert max(words) <= 8 and sum(n <= 4 for n in words) >= len(words) / 2
    assert all(
        i["context"].framework in ("2003", "2010", "2016", "2020") and 1 <= i["context"].area <= 8 for i in terse
    )


def test_terse_gold_is_what_both_annotators_gave():
    """data/themes/README.md: gold = the themes both gave (in A's order), their union where they share none."""
    rows = [json.loads(line) for line in tt.TERSE_DEV_PATH.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        a, b = row["annotator_a"], row["annotator_b"]
        assert row["themes"] == ([t for t in a if t in b] or a + [t for t in b if t not in a])
    assert sum(r["annotator_a"] == r["annotator_b"] for r in rows) >= 0.9 * len(rows)


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
    assert result["gold_labels_per_item"] == 1.0 and 0 < result["labels_per_item"] <= th.MAX_THEMES
    assert set(result["per_theme"]) == set(th.THEME_IDS)
    for avg in ("micro", "macro"):
        assert set(result[avg]) == {"precision", "recall", "f1"}
        assert all(0.0 <= v <= 1.0 for v in result[avg].values())
    assert 0.0 <= result["best_among_gold"] <= 1.0
    assert {"rules_only", "model_only"} <= set(result)
    report = tt.format_report([result, result])
    for needle in ("micro avg", "macro avg", "best theme among gold", "brukarfokus", "rules_only", "labels per item"):
        assert needle in report
    assert report.splitlines()[0].split() == [path.name, path.name]  # one column group per set


def test_score_sets_counts():
    gold = [["etik"], ["etik", "information"], ["bemotande"], []]
    pred = [["etik"], ["information"], ["etik"], ["etik"]]
    s = tt.score_sets(gold, pred)
    assert s["per_theme"]["etik"] == {"precision": round(1 / 3, 4), "recall": 0.5, "f1": 0.4, "support": 2}
    assert s["per_theme"]["information"]["f1"] == 1.0
    assert s["micro"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert s["best_among_gold"] == round(2 / 3, 4)  # items with gold labels only
    assert s["macro"]["f1"] == round((0.4 + 1.0 + 0.0) / 3, 4)


def test_cli_evaluate_prints_figures(trained, tiny, capsys):
    out, _ = trained
    path, _ = tiny
    assert tt.main(["evaluate", "--dev", str(path), "--dev", str(path), "--model", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "micro avg" in printed and "best theme among gold" in printed
    assert printed.splitlines()[1].split() == ["items", str(len(tiny[1]))] * 2
