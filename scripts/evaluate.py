#!/usr/bin/env python3
"""Score geokg's extraction on the development gold, beside a textacy baseline from the same run.

usage: python scripts/evaluate.py [--gold ../shared/eval/gold.jsonl] [--articles ../shared/eval/articles]
                                  [--out DIR] [--model NAME] [--json]

Builds the articles with `kg build` into DIR (a temporary folder by default), writes the
baseline's statements there too (textacy's subject_verb_object_triples over the same spaCy
docs, mapped to the statements contract: no lexicon, no resolution, cameo null), scores both
with the gold's score.py and prints one row each and their ratios.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
METRICS = ("dyad_recall", "strict_recall", "country_recall", "on_sentence_precision")

sys.path.insert(0, str(ROOT))

from kg.ingest import load_documents  # noqa: E402
from kg.pipeline import build, parsed_documents  # noqa: E402
from kg.resolve import load_resources  # noqa: E402
from kg.settings import Settings  # noqa: E402


def node(text: str) -> dict:
    return {"id": f"urn:baseline:{hashlib.sha1(text.encode()).hexdigest()[:12]}", "label": text, "type": "Other",
            "country": None, "wikidata": None}


def baseline_statements(articles: Path, settings: Settings) -> list[dict]:
    """Return textacy SVO triples of every sentence, as statements.jsonl records."""
    from textacy.extract import subject_verb_object_triples

    out = []
    documents = load_documents([articles])
    for document, doc in parsed_documents(documents, settings, load_resources(settings.ontology_dir)):
        for t in subject_verb_object_triples(doc):
            sent = t.verb[0].sent
            subj, verb, obj = (" ".join(tok.text for tok in part) for part in (t.subject, t.verb, t.object))
            out.append({"id": f"urn:baseline:{len(out)}", "subject": node(subj), "relation": "relatedTo",
                        "relation_label": verb, "cameo": None, "object": node(obj), "negated": False,
                        "attributed_to": None, "event_date": None,
                        "published": document.published.isoformat() if document.published else None,
                        "document": document.id, "sentence": sent.text.strip(), "confidence": 0.5})
    return out


def score(score_py: Path, gold: Path, statements: Path) -> dict:
    res = subprocess.run([sys.executable, str(score_py), str(gold), str(statements), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else ("inf" if a else "-")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_EVAL / "gold.jsonl")
    ap.add_argument("--articles", type=Path, default=DEFAULT_EVAL / "articles")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--model", default=None)
    ap.add_argument("--json", action="store_true", help="print the two score rows as JSON")
    args = ap.parse_args(argv)
    score_py = args.gold.parent / "score.py"
    settings = Settings.from_env(model=args.model)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        result = build([args.articles], out / "geokg", settings)
        base = out / "baseline" / "statements.jsonl"
        base.parent.mkdir(parents=True, exist_ok=True)
        base.write_text("".join(json.dumps(r) + "\n" for r in baseline_statements(args.articles, settings)))
        ours = score(score_py, args.gold, out / "geokg" / "statements.jsonl")
        theirs = score(score_py, args.gold, base)
    if args.json:
        print(json.dumps({"geokg": ours, "textacy": theirs}, sort_keys=True))
        return 0
    print(f"model {settings.model}; {len(result.documents)} articles; gold {ours['gold']} statements")
    print(f"{'system':<10}{'statements':>11}" + "".join(f"{m:>23}" for m in METRICS))
    for name, row in (("geokg", ours), ("textacy", theirs)):
        print(f"{name:<10}{row['system']:>11}" + "".join(f"{row[m]:>23.3f}" for m in METRICS))
    print(f"{'ratio':<10}{'':>11}" + "".join(f"{ratio(ours[m], theirs[m]):>23}" for m in METRICS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
