"""The token classifier: tag set, noise, decoding, a training smoke run and the shipped weights."""

from __future__ import annotations

import json
import random

import pytest

from decisions.extraction import model as model_mod
from decisions.extraction.model import TaggedSpan
from decisions.extraction.model import decode
from decisions.extraction.tokens import TAGS
from decisions.extraction.tokens import add_ocr_noise
from decisions.extraction.tokens import bio_tags
from decisions.extraction.tokens import strip_diacritics
from decisions.synthetic import generate
from decisions.types import PageInput

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")


def test_bio_tags_mark_the_tokens_inside_each_span():
    offsets = [(0, 5), (6, 9), (10, 14), (15, 18), (19, 22)]
    tags = bio_tags(offsets, [("NAME", 6, 18)])
    assert [TAGS[t] for t in tags] == ["O", "B-NAME", "I-NAME", "I-NAME", "O"]


def test_ocr_noise_keeps_every_offset():
    text = generate(1, 3)[0].pages[0]
    noisy = add_ocr_noise(text, random.Random(1), rate=0.2)
    assert len(noisy) == len(text)
    assert noisy != text
    assert [i for i, c in enumerate(text) if c == "\n"] == [
        i for i, c in enumerate(noisy) if c == "\n"
    ]
    assert (strip_diacritics("ế"), strip_diacritics("Đ"), strip_diacritics("a")) == ("e", "D", "a")


def test_decode_turns_bio_tags_into_page_spans():
    text = "Bị đơn: Ông Nguyễn Văn An, sinh năm 1980"
    offsets = [
        (0, 2),
        (3, 6),
        (6, 7),
        (8, 11),
        (12, 18),
        (19, 22),
        (23, 25),
        (25, 26),
        (27, 31),
        (32, 35),
        (36, 40),
    ]
    tags = ["O", "O", "O", "O", "B-NAME", "I-NAME", "I-NAME", "O", "O", "O", "B-BIRTH_YEAR"]
    probs = [0.9, 0.9, 0.9, 0.9, 0.8, 0.9, 1.0, 0.9, 0.9, 0.9, 0.7]
    assert decode(text, offsets, tags, probs, page=2) == [
        TaggedSpan("NAME", 2, 12, 25, "Nguyễn Văn An", 0.9),
        TaggedSpan("BIRTH_YEAR", 2, 36, 40, "1980", 0.7),
    ]


def test_smoothing_mends_the_slips_of_a_small_model():
    from decisions.extraction.model import smooth

    pieces = ["Ngày", ":", "16", "-", "3", "-", "2024", "Ông", "Hồ", "Hữu", "Vinh", ",", "sinh"]
    tags = [
        "O",
        "O",
        "B-DATE",
        "B-NUMBER",
        "B-DATE",
        "I-DATE",
        "I-DATE",
        "O",
        "B-ADDRESS",
        "B-NAME",
        "I-NAME",
        "B-ADDRESS",
        "O",
    ]
    date = ["B-DATE", "I-DATE", "I-DATE", "I-DATE", "I-DATE"]
    assert smooth(tags, pieces) == ["O", "O", *date, "O", "B-NAME", "I-NAME", "I-NAME", "O", "O"]


def test_training_smoke_run_writes_loadable_weights(tmp_path):
    from decisions.extraction.train import train

    meta = train(
        n=5,
        epochs=1,
        seed=2,
        out=tmp_path,
        eval_n=1,
        vocab_size=400,
        batch_size=8,
        max_steps=1,
        threads=1,
        model_config={
            "hidden_size": 32,
            "num_hidden_layers": 1,
            "num_attention_heads": 2,
            "intermediate_size": 64,
        },
        log=lambda message: None,
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "config.json",
        "meta.json",
        "model.safetensors",
        "tokenizer.json",
    ]
    assert meta["training"]["synthetic_documents"] == 5
    assert meta["training"]["steps"] == 1
    assert (
        json.loads((tmp_path / "meta.json").read_text())["scores"]["held_out_synthetic_documents"]
        == 1
    )
    loaded = model_mod.load(tmp_path)
    assert loaded.tags == TAGS
    spans = model_mod.predict([PageInput(1, "Bị đơn: Ông Nguyễn Văn An")], loaded=loaded)
    assert all(isinstance(s, TaggedSpan) for s in spans)


def test_long_pages_are_read_in_overlapping_windows():
    assert model_mod._windows(100) == [(0, 100)]
    assert model_mod._windows(600) == [(0, 256), (192, 448), (384, 600)]


def test_noisy_examples_keep_every_span_on_its_value():
    from decisions.extraction.tokens import noisy_example

    d = generate(1, 3)[0]
    spans = [(a.label, a.start, a.end) for a in d.annotations if a.page == 1]
    clean, moved = noisy_example(d.pages[0], spans, random.Random(4), rate=0.0)
    assert [" ".join(clean[s:e].split()) for _, s, e in moved] == [
        " ".join(d.pages[0][s:e].split()) for _, s, e in spans
    ]
    assert clean.replace("\n\n", "\n") == d.pages[0]
    noisy, moved = noisy_example(d.pages[0], spans, random.Random(4), rate=0.08)
    assert [label for label, _, _ in moved] == [label for label, _, _ in spans]
    number = next((s, e) for label, s, e in moved if label == "NUMBER")
    assert noisy[number[0]][0].isdigit()


@pytest.mark.skipif(not model_mod.weights_present(), reason="no shipped weights")
def test_shipped_model_tags_a_held_out_synthetic_page():
    loaded = model_mod.get()
    assert loaded.meta["training"]["synthetic_documents"] >= 1000
    assert loaded.tags == TAGS
    d = generate(1, 4242)[0]  # a seed the model was neither trained nor scored on
    spans = model_mod.predict(d.to_page_inputs()[:1], loaded=loaded)
    found = {
        (s.label, " ".join(s.text.split())) for s in spans if s.label in ("NUMBER", "DATE", "NAME")
    }
    expected = {
        (a.label, " ".join(d.text_at(a).split()))
        for a in d.annotations
        if a.page == 1 and a.label in ("NUMBER", "DATE", "NAME")
    }
    assert found == expected
