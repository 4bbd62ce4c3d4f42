#!/usr/bin/env python3
"""Check how geokg's extraction generalises: PETRARCH2's unit-test sentences, fictional actors and all.

usage: python scripts/petrarch_check.py [--repo GIT_DIR] [--model NAME] [--verbose] [--json]

The data is PETRARCH2's (github.com/openeventdata/petrarch2, MIT licence), read at run time with
`git show` from the bare repository given by --repo (default: the mirror on this machine) and
never copied into this repository: its unit-test records (petrarch2/data/text/
PETR.UnitTest.records.xml: one sentence each, with the events PETRARCH must code, as source and
target actor codes and an event code, or noevents="True", or an error such as a discarded story),
its validation actor dictionary (Arnor [ARN], Gondor [GON], Mordor [MOR]…) and its agent
dictionary (only for the agents written before the actor's code, `[NGO~]`: "MSF Arnor" is NGOARN).
Each sentence is built by geokg as one document, dated by its record.

Actors. Each dictionary entry becomes a row of gazetteer/organizations.csv in a temporary copy of
ontology/ (the real folder is never touched), one row per first code, keyed by the code in lower
case (so node ids carry it, and ERI, Eriador, does not overwrite geokg's Eritrea). Type Country
when the code has three letters (PETRARCH's state codes: ARN, GON, and also HOB, as PETRARCH codes
the hobbits Bilbo, Frodo and Gollum as one people), else Organization, of the country of its first
three letters (ITHMIL, "Ithilen military", is Ithilen's). Names are the entry's name and its `+`
synonyms, underscores read as spaces, as the records spell them: a name without a trailing
underscore is a stem in PETRARCH, so every capitalised word of the records that begins with it is
a name too ("ERIADOR": "Eriador", "Eriadorian"). A name geokg already knows ("Egypt" [UAR]) keeps
geokg's entry, and an entry with no other name gets no row; a new name of a country geokg knows
("The Hermit Kingdom" [PRK]) gets a row of that country. Date restrictions on codes are ignored:
an actor stands for all its codes.

Scoring. An actor maps to codes through its entry (its row's codes, and the codes of every
dictionary name that resolves to it) and through its country ("Arnor (military)" is ARN). Codes
are compared on their first three letters (ARNGOV is ARN), also after an agent prefix (NGOARN is
ARN too). An expected event is found as a dyad when some statement (offices aside; hedged and
negated ones count) has a subject and an object that map to its source and target, strictly when
the statement's CAMEO root is also the event code's first two digits. Mind that the unit tests'
event codes come from PETRARCH's validation verb dictionary, which its header says is mostly WEIS
codes tweaked for the tests, not CAMEO ("restore ties" is 064, "urge" 102): strict recall is a
lower bound. Events with an actor PETRARCH leaves uncoded (---, ###, quoted text, XYZ) cannot be
matched and are left out, as are the records PETRARCH must discard. A noevents record is clean when
no statement links two coded actors. `--verbose` lists each missed event with its sentence and
geokg's statements (actor labels with their codes), and each statement on a noevents record
between coded actors.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIRROR = Path("/work/.mirror/openeventdata+petrarch2/repo/.git")
RECORDS = "petrarch2/data/text/PETR.UnitTest.records.xml"
ACTORS = "petrarch2/data/dictionaries/PETR.Validate.actors.txt"
AGENTS = "petrarch2/data/dictionaries/PETR.Validate.agents.txt"
CODE = re.compile(r"[A-Z0-9]{3,}")  # "---", "+++" and "###" are PETRARCH's null codes
BRACKET = re.compile(r"\[([^\]]*)\]")
SMALL_WORDS = frozenset({"of", "the", "and"})  # lower case inside a title-cased name ("Prince of Dol Amroth")
XML_COMMENT = re.compile(r"<!--.*?-->", re.S)

sys.path.insert(0, str(ROOT))

from kg.extract import discourse, extract_candidates, load_lexicon  # noqa: E402
from kg.extract.lexicon import ROLE_RELATION  # noqa: E402
from kg.model import Actor, Document, Statement  # noqa: E402
from kg.analysis import parsed_documents  # noqa: E402
from kg.resolve import Gazetteer, load_resources, resolve_candidates  # noqa: E402
from kg.settings import Settings  # noqa: E402


@dataclass(frozen=True, slots=True)
class DictActor:
    """One entry of a PETRARCH actor dictionary: its names as written ("ARNOR_", "MINAS_TIRITH") and codes."""

    names: tuple[str, ...]
    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Event:
    source: str
    target: str
    code: str


@dataclass(frozen=True, slots=True)
class Record:
    """One unit-test sentence and the events PETRARCH must code in it (none for a noevents record),
    or the error it must raise instead (a discarded story, a bad parse)."""

    id: str
    category: str
    published: date
    text: str
    events: tuple[Event, ...]
    error: str | None = None


def git_show(repo: Path, path: str) -> str:
    try:
        return subprocess.run(["git", f"--git-dir={repo}", "show", f"HEAD:{path}"], check=True,
                              capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        raise SystemExit(f"{repo}: cannot read {path} ({(getattr(e, 'stderr', '') or str(e)).strip()})") from e


def parse_records(xml: str) -> list[Record]:
    """Return the <Sentence> records of a PETRARCH validation file."""
    out = []
    for s in ET.fromstring(xml).iter("Sentence"):
        codings = list(s.iter("EventCoding"))
        events = tuple(Event(e.get("sourcecode", ""), e.get("targetcode", ""), e.get("eventcode", ""))
                       for e in codings if e.get("sourcecode") is not None)
        error = next((e.get("error") for e in codings if e.get("error")), None)
        out.append(Record(s.get("id", ""), s.get("category", ""), datetime.strptime(s.get("date", ""), "%Y%m%d").date(),
                          " ".join((s.findtext("Text") or "").split()), events, error))
    return out


def _codes(line: str) -> list[str]:
    """Return the codes of a line's brackets: "[HOBGOV 19950601 - 19990815]" -> HOBGOV, "[ELR/GAL]" -> both."""
    out = []
    for inside in BRACKET.findall(line):
        first = (inside.split() or [""])[0].upper()
        out += [c for c in first.split("/") if CODE.fullmatch(c)]
    return out


def parse_actors(text: str) -> list[DictActor]:
    """Return the entries of a PETRARCH actor dictionary: a name line with its codes (on it or on the
    indented lines below, date restrictions ignored) and its `+` synonyms; `#` and <!-- --> are comments."""
    names: list[list[str]] = []
    codes: list[list[str]] = []
    for raw in XML_COMMENT.sub("", text).splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("<"):
            continue
        if line.startswith("+"):
            if names:
                names[-1].append(line[1:].strip())
        elif line.startswith("["):
            if codes:
                codes[-1].extend(_codes(line))
        else:
            names.append([line.split("[", 1)[0].strip()])
            codes.append(_codes(line))
    return [DictActor(tuple(n), tuple(dict.fromkeys(c))) for n, c in zip(names, codes) if c]


def parse_prefix_agents(text: str) -> frozenset[str]:
    """Return the agent codes written before the actor's code ("[NGO~]": MSF Arnor is NGOARN)."""
    return frozenset(inside.strip()[:-1].strip() for inside in BRACKET.findall(XML_COMMENT.sub("", text))
                     if inside.strip().endswith("~") and CODE.fullmatch(inside.strip()[:-1].strip()))


def spelling(name: str) -> str:
    """Return a dictionary name as words: "MINAS_TIRITH" -> "Minas Tirith", "PRINCE OF DOL AMROTH" ->
    "Prince of Dol Amroth"; a short name stays in capitals ("PLO", "UN_" -> "UN", "U.S.")."""
    words = name.strip("_").replace("_", " ").split()
    if len(words) == 1 and (len(words[0]) <= 3 or "." in words[0]):
        return words[0]
    return " ".join(w.lower() if n and w.lower() in SMALL_WORDS else w.title() for n, w in enumerate(words))


def name_forms(name: str, texts: str) -> list[str]:
    """Return the records' spellings of a dictionary name. PETRARCH reads a name without a trailing
    underscore as a stem, so these are the capitalised words of the records that begin with it
    ("ERIADOR": "Eriador", "Eriadorian"); the name's own words when the records do not use it."""
    words = spelling(name).split()
    if not words:
        return []
    pattern = r"\b" + r"\s+".join(map(re.escape, words)) + (r"\b" if name.endswith("_") else r"\w*\b")
    found = [" ".join(m.group(0).split()) for m in re.finditer(pattern, texts, re.I) if m.group(0)[0].isupper()]
    return sorted(dict.fromkeys(found), key=len) or [" ".join(words)]  # the name itself before "Eriadorian"


def gazetteer_rows(actors: list[DictActor], texts: str, real: Gazetteer) -> list[dict[str, str]]:
    """Return organizations.csv rows for the dictionary's actors (one per first code; see the docstring).
    Names geokg already knows ("Egypt", "IMF") keep geokg's entry, which the code table maps to the
    actor's codes; an actor with no other name gets no row."""
    rows: dict[str, dict[str, str]] = {}
    for a in actors:
        key = a.codes[0].lower()
        forms = [f for n in a.names for f in name_forms(n, texts)]
        known = {f: real.lookup(f) or real.demonym(f) for f in forms}
        new = [f for f, e in known.items() if e is None]
        if key in real.entries or not new:
            continue
        row = rows.setdefault(key, {"key": key, "label": new[0], "aliases": "",
                                    "type": "Country" if len(key) == 3 and key.isalpha() else "Organization"})
        row["aliases"] = "|".join(dict.fromkeys([*filter(None, row["aliases"].split("|")), *new]))
        named = [*known.values(), *(real.lookup(spelling(n)) for n in a.names)]
        if any(e is not None and e.key == a.codes[0] for e in named):
            row["country"] = a.codes[0]  # "The Hermit Kingdom" [PRK]: a new name of geokg's North Korea
    states = {k: row.setdefault("country", k) for k, row in rows.items() if row["type"] == "Country"}
    for row in rows.values():
        prefix = row["key"][:3]
        if row["type"] != "Country" and (prefix in states or prefix.upper() in real.entries):
            row["country"] = states.get(prefix, prefix.upper())
    return list(rows.values())


def ontology_with(rows: list[dict[str, str]], tmp: Path) -> Path:
    """Return a copy of ontology/ in `tmp` whose organizations.csv also holds `rows`."""
    folder = tmp / "ontology"
    shutil.copytree(ROOT / "ontology", folder)
    path = folder / "gazetteer" / "organizations.csv"
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, existing = list(reader.fieldnames or []), list(reader)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows([*existing, *({k: r.get(k, "") for k in fields} for r in rows)])
    return folder


def code_table(actors: list[DictActor], gazetteer: Gazetteer, rows: list[dict[str, str]]) -> dict[str, set[str]]:
    """Return entry key -> the codes of the dictionary actors it stands for: the row each actor was
    added to ("hob" -> HOB, HOBGOV…) and the entry each of its names resolves to ("EGY" -> UAR)."""
    added = {r["key"] for r in rows}
    table: dict[str, set[str]] = defaultdict(set)
    for a in actors:
        if a.codes[0].lower() in added:
            table[a.codes[0].lower()].update(a.codes)
        for name in a.names:
            entry = gazetteer.lookup(spelling(name)) or gazetteer.demonym(spelling(name))
            if entry is not None:
                table[entry.key].update(a.codes)
    return table


def actor_codes(actor: Actor, gazetteer: Gazetteer, table: dict[str, set[str]]) -> set[str]:
    """Return the three-letter codes an actor stands for, through its entry and its country."""
    entry = gazetteer.of_iri(actor.id) if actor.known else None
    keys = {k for k in (entry.key if entry else None, actor.country) if k}
    codes = {c for k in keys for c in table.get(k, ())} | {k.upper() for k in keys if len(k) == 3 and k.isalpha()}
    return {c[:3] for c in codes}


def wanted(code: str, prefixes: frozenset[str]) -> set[str]:
    """Return the three-letter actor codes an expected code accepts: ARNGOV -> ARN; NGOARN -> NGO or ARN."""
    code = code.upper()
    return {code[:3], code[3:6]} if code[:3] in prefixes and len(code) >= 6 else {code[:3]}


def statements_of(records: list[Record], settings: Settings) -> list[list[Statement]]:
    """Return each record's statements (no offices), each sentence built as one document (ids repeat
    in the file, so documents are numbered)."""
    resources = load_resources(settings.ontology_dir)
    lexicon = load_lexicon(settings.ontology_dir / "relations.csv")
    documents = [Document(f"{n:03d}_{r.id}", r.text, r.published) for n, r in enumerate(records)]
    out = []
    for document, doc in parsed_documents(documents, settings, resources):
        candidates = extract_candidates(doc, document.id, lexicon, source_text=document.text)
        out.append([s for s in resolve_candidates(discourse(doc), document, candidates, resources) if s.relation != ROLE_RELATION])
    return out


def describe(s: Statement, codes: dict[str, set[str]]) -> str:
    """Return one statement as a short line: subject[codes] -relation/CAMEO-> object[codes] (confidence, modality)."""
    neg = " NOT" if s.negated else ""
    tag = lambda a: f"{a.label}[{','.join(sorted(codes.get(a.id, ()))) or '-'}]"  # noqa: E731
    return f"{tag(s.subject)} -{s.relation_label}/{s.cameo}{neg}-> {tag(s.object)} ({s.confidence}, {s.modality})"


def miss_class(statements: list[Statement], codes: dict[str, set[str]], src: set[str], tgt: set[str]) -> str:
    """Return why no statement matches an event's dyad: what the sentence's statements got right."""
    if not statements:
        return "no statement"
    subj = [s for s in statements if codes[s.subject.id] & src]
    obj = [s for s in statements if codes[s.object.id] & tgt]
    if subj and obj:
        return "source and target in different statements"
    if subj:
        return "object not an actor" if all(not s.object.is_actor for s in subj) else "wrong object"
    return "wrong subject" if obj else "neither source nor target"


@dataclass
class Score:
    """The figures of one run, the misses and the false positives on noevents records."""

    figures: dict[str, object]
    by_category: dict[str, list[int]]  # category -> [scorable events, dyad hits, strict hits]
    misses: list[tuple[Record, Event, str, list[Statement]]]  # (record, event, why, statements)
    false_positives: list[tuple[Record, Statement]]  # statements between coded actors on noevents records


def score(records: list[Record], found: list[list[Statement]], codes: dict[str, set[str]],
          prefixes: frozenset[str], known: set[str]) -> Score:
    """Return dyad and strict recall over the scorable events, and the clean rate of noevents records."""
    scorable, dyad, strict = 0, 0, 0
    by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses = []
    for r, statements in zip(records, found):
        for e in r.events:
            src, tgt = wanted(e.source, prefixes), wanted(e.target, prefixes)
            if not (src & known and tgt & known):
                continue
            pairs = [s for s in statements if codes[s.subject.id] & src and codes[s.object.id] & tgt]
            hit = any(s.cameo == e.code[:2] for s in pairs)
            scorable, dyad, strict = scorable + 1, dyad + bool(pairs), strict + hit
            row = by_category[r.category]
            row[0], row[1], row[2] = row[0] + 1, row[1] + bool(pairs), row[2] + hit
            if not hit:
                why = "wrong code root" if pairs else miss_class(statements, codes, src, tgt)
                misses.append((r, e, why, statements))
    quiet = [(r, ss) for r, ss in zip(records, found) if not r.events and r.error is None]
    wrong = [(r, s) for r, ss in quiet for s in ss if codes[s.subject.id] and codes[s.object.id]]
    clean = len(quiet) - len({id(r) for r, _ in wrong})
    events = sum(len(r.events) for r in records)
    figures: dict[str, object] = {
        "records": len(records), "noevents_records": len(quiet),
        "discard_records": sum(r.error is not None for r in records),
        "expected_events": events, "scorable_events": scorable,
        "records_with_statements": round(sum(map(bool, found)) / len(records), 3) if records else 0.0,
        "dyad_recall": round(dyad / scorable, 3) if scorable else 0.0,
        "strict_recall": round(strict / scorable, 3) if scorable else 0.0,
        "noevents_clean_rate": round(clean / len(quiet), 3) if quiet else 0.0}
    return Score(figures, dict(by_category), misses, wrong)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", type=Path, default=MIRROR, help=f"PETRARCH2's git directory (default: {MIRROR})")
    ap.add_argument("--model", default=None)
    ap.add_argument("--verbose", action="store_true", help="list each missed event with geokg's statements")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    records = parse_records(git_show(args.repo, RECORDS))
    actors = parse_actors(git_show(args.repo, ACTORS))
    prefixes = parse_prefix_agents(git_show(args.repo, AGENTS))
    rows = gazetteer_rows(actors, "\n".join(r.text for r in records), load_resources(ROOT / "ontology").gazetteer)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_env(model=args.model, ontology_dir=ontology_with(rows, Path(tmp)))
        gazetteer = load_resources(settings.ontology_dir).gazetteer
        found = statements_of(records, settings)
    table = code_table(actors, gazetteer, rows)
    codes = {a.id: actor_codes(a, gazetteer, table) for ss in found for s in ss for a in (s.subject, s.object)}
    known = {c[:3] for a in actors for c in a.codes} | {k for k in gazetteer.entries if len(k) == 3 and k.isupper()}
    result = score(records, found, codes, prefixes, known)
    f = {**result.figures, "model": settings.model, "actor_rows": len(rows)}
    if args.json:
        print(json.dumps(f, sort_keys=True))
        return 0
    print(f"PETRARCH2 unit tests ({args.repo}); model {settings.model}; "
          f"{len(rows)} dictionary actors added to the gazetteer")
    print(f"{'records':<28}{f['records']:>7}   ({f['noevents_records']} noevents; {f['discard_records']} that PETRARCH "
          "must discard, left out)")
    print(f"{'expected events':<28}{f['expected_events']:>7}   ({f['scorable_events']} scorable, the others have an "
          "actor PETRARCH leaves uncoded)")
    print(f"{'records with statements':<28}{f['records_with_statements']:>7.3f}")
    print(f"{'dyad recall':<28}{f['dyad_recall']:>7.3f}")
    print(f"{'strict recall':<28}{f['strict_recall']:>7.3f}   (against the test verbs' codes, mostly WEIS, not CAMEO)")
    print(f"{'noevents clean rate':<28}{f['noevents_clean_rate']:>7.3f}")
    counts = Counter(why for _, _, why, _ in result.misses)
    print(f"\nmisses: {len(result.misses)} events not matched strictly")
    for why, n in counts.most_common():
        print(f"  {n:>4}  {why}")
    print(f"\n{'category':<14}{'events':>7}{'dyad':>7}{'strict':>7}")
    for category, (n, d, s) in sorted(result.by_category.items()):
        print(f"{category:<14}{n:>7}{d:>7}{s:>7}")
    if args.verbose:
        print("\nmisses, one by one")
        for r, e, why, statements in result.misses:
            print(f"  [{why}] {r.id}: expected {e.source} -> {e.target} / {e.code}\n      {r.text}")
            for s in statements:
                print(f"        geokg: {describe(s, codes)}")
        print("\nnoevents records with a statement between coded actors")
        for r, s in result.false_positives:
            print(f"  {r.id}: {describe(s, codes)}\n      {r.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
