#!/usr/bin/env python3
"""Score geokg's extraction on the development sets, beside a textacy baseline, with an error report.

usage: python scripts/evaluate.py [--set DIR ...] [--out DIR] [--model NAME] [--min-confidence X]
                                  [--verbose] [--json]

A development set is a folder with `articles/` (the texts and their metadata.csv) and
`gold.jsonl` (hand-annotated statements). By default every set under tests/devsets/ is scored:
`eval` (6 articles, 74 statements) and `eval2` (12 articles, 119 statements), copied from the
team's shared development gold. For each set, and for all sets pooled, the script builds the
articles with geokg, writes the baseline's statements (textacy's subject_verb_object_triples
over the same spaCy docs, mapped to the statements contract: no lexicon, no resolution, cameo
null), scores both with the gold's own score.py and prints one row each and their ratios.

Then, on the pooled sets:
- an error report: each gold statement that is not a strict match, classed by what went wrong
  (no statement on its sentence, wrong subject, wrong object, target actor inside a non-actor
  object, wrong CAMEO root, wrong negation) and counted;
- precision by confidence band: of geokg's statements on gold sentences, the share that match a
  gold dyad, per band, so a default threshold can be chosen from data.
`--verbose` also lists every miss with its class and sentence, and every statement on a gold
sentence that matches no gold dyad (the candidates for false positives).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
DEVSETS = ROOT / "tests" / "devsets"
SCORER = DEVSETS / "eval" / "score.py"
METRICS = ("dyad_recall", "strict_recall", "country_recall", "on_sentence_precision")
BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)
ERROR_CLASSES = ("no statement on the sentence", "wrong subject", "wrong object",
                 "target actor inside a non-actor object", "wrong subject and object",
                 "wrong CAMEO root", "wrong negation")

sys.path.insert(0, str(ROOT))

from kg.ingest import load_documents  # noqa: E402
from kg.analysis import parsed_documents  # noqa: E402
from kg.pipeline import build  # noqa: E402
from kg.resolve import load_resources  # noqa: E402
from kg.settings import Settings  # noqa: E402


def load_scorer(path: Path = SCORER) -> ModuleType:
    """Return the gold's score.py as a module: its matching rules are the ones the figures use."""
    spec = importlib.util.spec_from_file_location("geokg_gold_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@dataclass
class Run:
    """One set's gold and the two systems' statements."""

    name: str
    gold: list[dict]
    ours: list[dict]
    theirs: list[dict]


def node(text: str, n: int) -> dict:
    return {"id": f"urn:baseline:{n}", "label": text, "type": "Other", "country": None, "wikidata": None}


def baseline_statements(articles: Path, settings: Settings) -> list[dict]:
    """Return textacy SVO triples of every sentence, as statements.jsonl records."""
    from textacy.extract import subject_verb_object_triples

    out: list[dict] = []
    documents = load_documents([articles])
    for document, doc in parsed_documents(documents, settings, load_resources(settings.ontology_dir, settings.gazetteers)):
        for t in subject_verb_object_triples(doc):
            sent = t.verb[0].sent
            subj, verb, obj = (" ".join(tok.text for tok in part) for part in (t.subject, t.verb, t.object))
            out.append({"id": f"urn:baseline:{len(out)}", "subject": node(subj, 2 * len(out)), "relation": "relatedTo",
                        "relation_label": verb, "cameo": None, "object": node(obj, 2 * len(out) + 1),
                        "negated": False, "attributed_to": None, "modality": "asserted",
                        "document": document.id, "sentence": sent.text.strip(), "confidence": 0.5})
    return out


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(scorer: ModuleType, gold: list[dict], statements: list[dict], tmp: Path) -> dict:
    """Return score.py's figures for statements against gold (both written to files, as it reads them)."""
    g, s = tmp / "gold.jsonl", tmp / "statements.jsonl"
    g.write_text("".join(json.dumps(r) + "\n" for r in gold), encoding="utf-8")
    s.write_text("".join(json.dumps(r) + "\n" for r in statements), encoding="utf-8")
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        scorer.main(["score.py", str(g), str(s), "--json"])
    return json.loads(buf.getvalue())


def _stem(doc: str) -> str:
    return doc.rsplit(".", 1)[0] if doc.endswith((".txt", ".md")) else doc


def classify(scorer: ModuleType, g: dict, statements: list[dict]) -> str | None:
    """Return the error class of a gold statement, or None when some statement matches it strictly."""
    am = scorer.actor_match
    in_doc = [s for s in statements if _stem(g["doc"]) in str(s.get("document") or "")]
    dyads = [s for s in in_doc if am(g["subject"], s.get("subject")) and am(g["object"], s.get("object"))]
    if any((s.get("cameo") or "")[:2] == g["cameo"] and bool(s.get("negated")) == bool(g["negated"]) for s in dyads):
        return None
    if dyads:
        return "wrong CAMEO root" if not any((s.get("cameo") or "")[:2] == g["cameo"] for s in dyads) else "wrong negation"
    sentence = scorer.norm_sentence(g["sentence"])
    here = [s for s in in_doc if scorer.norm_sentence(s.get("sentence") or "") == sentence]
    if not here:
        return "no statement on the sentence"
    subj_ok = [s for s in here if am(g["subject"], s.get("subject"))]
    obj_ok = [s for s in here if am(g["object"], s.get("object"))]
    names = [g["object"].get("label") or "", *(g["object"].get("aliases") or [])]

    def holds_target(obj: dict) -> bool:
        """The gold object is named inside our non-actor object, or owns it ("Netanyahu's demand")."""
        words = set(scorer.words(obj.get("label")))
        surnames = {scorer.words(n)[-1] for n in names if scorer.words(n)} if g["object"].get("type") == "Person" else set()
        return bool(obj.get("owner") and am(g["object"], obj["owner"])) or bool(surnames & words) or any(
            scorer.content(n) and scorer.content(n) <= words for n in names)

    inside = [s for s in subj_ok if (s.get("object") or {}).get("type") == "Other" and holds_target(s["object"])]
    if inside and g["object"].get("type") != "Other":
        return "target actor inside a non-actor object"
    if subj_ok:
        return "wrong object"
    if obj_ok:
        return "wrong subject"
    return "wrong subject and object"


def false_positives(scorer: ModuleType, gold: list[dict], statements: list[dict]) -> list[dict]:
    """Return our statements on gold sentences that match no gold dyad of their sentence."""
    by_sentence: dict[str, list[dict]] = {}
    for g in gold:
        by_sentence.setdefault(scorer.norm_sentence(g["sentence"]), []).append(g)
    out = []
    for s in statements:
        gs = by_sentence.get(scorer.norm_sentence(s.get("sentence") or ""))
        if gs and not any(scorer.actor_match(g["subject"], s.get("subject")) and scorer.actor_match(g["object"], s.get("object"))
                          for g in gs):
            out.append(s)
    return out


def confidence_bands(scorer: ModuleType, gold: list[dict], statements: list[dict]) -> list[tuple[str, int, int]]:
    """Return (band, statements on gold sentences, of which matching a gold dyad) per confidence band."""
    gold_sentences = {scorer.norm_sentence(g["sentence"]) for g in gold}
    wrong = {id(s) for s in false_positives(scorer, gold, statements)}
    rows = []
    for lo, hi in zip(BANDS, (*BANDS[1:], 1.01)):
        on = [s for s in statements if scorer.norm_sentence(s.get("sentence") or "") in gold_sentences
              and lo <= float(s.get("confidence") or 0) < hi]
        rows.append((f"{lo:.1f}-{min(hi, 1.0):.1f}", len(on), sum(id(s) not in wrong for s in on)))
    return rows


def describe(s: dict) -> str:
    """Return one statement as a short line: subject -relation/CAMEO-> object (confidence, modality)."""
    neg = " NOT" if s.get("negated") else ""
    return (f"{s['subject']['label']} -{s['relation_label']}/{s.get('cameo')}{neg}-> {s['object']['label']} "
            f"({s.get('confidence')}, {s.get('modality')})")


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else ("inf" if a else "-")


def print_table(title: str, ours: dict, theirs: dict) -> None:
    print(f"\n{title}: gold {ours['gold']} statements")
    print(f"{'system':<10}{'statements':>11}" + "".join(f"{m:>23}" for m in METRICS))
    for name, row in (("geokg", ours), ("textacy", theirs)):
        print(f"{name:<10}{row['system']:>11}" + "".join(f"{row[m]:>23.3f}" for m in METRICS))
    print(f"{'ratio':<10}{'':>11}" + "".join(f"{ratio(ours[m], theirs[m]):>23}" for m in METRICS))


def run_set(folder: Path, out: Path, settings: Settings) -> Run:
    """Build one development set with geokg and the baseline."""
    articles, gold = folder / "articles", folder / "gold.jsonl"
    if not articles.is_dir() or not gold.is_file():
        raise SystemExit(f"{folder}: not a development set (needs articles/ and gold.jsonl)")
    build([articles], out / folder.name, settings)
    return Run(folder.name, read_jsonl(gold), read_jsonl(out / folder.name / "statements.jsonl"),
               baseline_statements(articles, settings))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", dest="sets", type=Path, action="append",
                    help="a development set folder (articles/ and gold.jsonl); repeatable; default: tests/devsets/*")
    ap.add_argument("--out", type=Path, default=None, help="keep the builds here (default: a temporary folder)")
    ap.add_argument("--model", default=None)
    ap.add_argument("--min-confidence", type=float, default=None)
    ap.add_argument("--verbose", action="store_true", help="list each miss and each unmatched statement")
    ap.add_argument("--json", action="store_true", help="print the score rows as JSON")
    args = ap.parse_args(argv)
    sets = args.sets or sorted(p for p in DEVSETS.iterdir() if (p / "gold.jsonl").is_file())
    settings = Settings.from_env(model=args.model, min_confidence=args.min_confidence)
    scorer = load_scorer()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        out = args.out or tmp
        runs = [run_set(folder, out, settings) for folder in sets]
        pooled = Run("pooled", [g for r in runs for g in r.gold], [s for r in runs for s in r.ours],
                     [s for r in runs for s in r.theirs])
        rows = {r.name: (score(scorer, r.gold, r.ours, tmp), score(scorer, r.gold, r.theirs, tmp))
                for r in (*runs, pooled)}
    if args.json:
        print(json.dumps({name: {"geokg": a, "textacy": b} for name, (a, b) in rows.items()}, sort_keys=True))
        return 0
    print(f"model {settings.model}; min confidence {settings.min_confidence}")
    for name, (ours, theirs) in rows.items():
        print_table(name, ours, theirs)

    classes = {id(g): classify(scorer, g, pooled.ours) for g in pooled.gold}
    counts = Counter(c for c in classes.values() if c is not None)
    print(f"\nerror report (pooled): {sum(counts.values())} of {len(pooled.gold)} gold statements not matched strictly")
    for cls in ERROR_CLASSES:
        print(f"  {counts.get(cls, 0):>4}  {cls}")
    print("\nprecision by confidence band (pooled; statements on gold sentences)")
    print(f"  {'band':<9}{'statements':>11}{'match':>7}{'precision':>11}")
    for band, n, ok in confidence_bands(scorer, pooled.gold, pooled.ours):
        print(f"  {band:<9}{n:>11}{ok:>7}{(ok / n if n else 0):>11.2f}")
    if args.verbose:
        print("\nmisses")
        for g in pooled.gold:
            if classes[id(g)] is not None:
                neg = " NOT" if g["negated"] else ""
                print(f"  [{classes[id(g)]}] {g['doc']}: {g['subject']['label']} -{g['relation']}/{g['cameo']}{neg}-> "
                      f"{g['object']['label']}\n      {g['sentence']}")
                sentence = scorer.norm_sentence(g["sentence"])
                for s in pooled.ours:
                    if _stem(g["doc"]) in str(s.get("document")) and scorer.norm_sentence(s.get("sentence") or "") == sentence:
                        print(f"        ours: {describe(s)}")
        print("\nstatements on gold sentences that match no gold dyad")
        for s in false_positives(scorer, pooled.gold, pooled.ours):
            print(f"  {s['document']}: {describe(s)}\n      {s['sentence']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
