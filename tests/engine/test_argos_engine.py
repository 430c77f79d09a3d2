from transnews.engine import MemoryEngine, PivotEngine


def test_real_ctranslate2_batch(tiny_argos_engine):
    texts = ["The World Intellectual Property Organization held a training in Xiamen.",
             "About 100 participants attended.", "WIPO and NCAC signed a memorandum."]
    out = tiny_argos_engine.translate(texts)
    assert len(out) == 3 and all(isinstance(t, str) for t in out)
    assert tiny_argos_engine.calls == 1 and tiny_argos_engine.segments_translated == 3
    # Same input, same output: decoding is deterministic with beam search.
    assert tiny_argos_engine.translate(texts[:1]) == out[:1]
    assert "CTranslate2" in tiny_argos_engine.describe()


def test_tokenizer_is_the_packages_sentencepiece(tiny_argos_engine):
    tokens = tiny_argos_engine.tokenize(["Copyright industry"])[0]
    assert tokens and all(isinstance(t, str) for t in tokens)
    assert "".join(tokens).replace("▁", " ").strip() == "Copyright industry"


def test_progress_reports_every_segment(tiny_argos_engine):
    seen = []
    tiny_argos_engine.translate(["One.", "Two.", "Three."], progress=lambda d, t, label: seen.append((d, t)))
    assert seen[-1] == (3, 3)


def test_memory_and_pivot_engines():
    first = MemoryEngine({"Hallo": "Hello"})
    second = MemoryEngine({"Hello": "你好"})
    pivot = PivotEngine(first, second)
    assert pivot.translate(["Hallo", "Unbekannt"]) == ["你好", "Unbekannt"]
    assert first.calls == second.calls == 1
    assert pivot.translate([]) == [] and pivot.calls == 1
