"""A very small training run writes a loadable model with its meta (the shipped one is made by
``manage.py train_assistant`` with the defaults)."""

import json

from ioc_dashboard.assistant import classifier
from ioc_dashboard.assistant.train import train


def test_small_training_run_writes_a_loadable_model(tmp_path):
    meta = train(n=300, epochs=1, held_out_n=40, out=tmp_path, log=lambda message: None)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "config.json",
        "meta.json",
        "model.safetensors",
        "tokenizer.json",
    ]
    written = json.loads((tmp_path / "meta.json").read_text(encoding="utf-8"))
    assert written == meta
    assert meta["training"]["generated_questions"] == 300
    assert meta["training"]["threads"] == 1
    assert meta["scores"]["held_out_training_templates"]["n"] == 40
    loaded = classifier.load(tmp_path)
    prediction = classifier.predict("<ky> <tinh> thu duoc bao nhieu tien", loaded=loaded)
    assert prediction.group_score > 0
