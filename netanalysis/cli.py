"""Command-line interface: ``netanalysis ingest | figures | report | export | make-sample``.

Every :class:`~netanalysis._errors.NetanalysisError` becomes one line on stderr and exit
status 2 (1 for :class:`~netanalysis._errors.InternalError`, a bug); no traceback reaches
the user.  Outputs go below the current folder unless ``--out`` says otherwise.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ._errors import InternalError, NetanalysisError
from ._limits import set_limits
from ._safe_text import terminal_text
from ._version import __version__
from .run.settings import AUTO, RunSettings

# Only the standard library and netanalysis' own light modules here: the command line parses
# its arguments first (``--help`` and a usage error answer at once) and imports a stage, with
# pandas, igraph and matplotlib behind it, only inside the command that runs it.

if TYPE_CHECKING:
    from .ingest import IngestReport
    from .run.settings import ReadOptions

PROCESSED_DIR = Path("data") / "processed"
FIGURES_DIR = Path("figures")


def _read_options(args: argparse.Namespace) -> ReadOptions:
    """The reading options every command shares."""
    from .run.inputs import parse_columns
    from .run.settings import ReadOptions

    return ReadOptions(
        columns=parse_columns(args.columns), sep=args.sep, encoding=args.encoding, layout=args.layout,
        aliases=_aliases(args), firm_sizes=args.firm_sizes, source_types=args.source_types,
        fallback_year=args.fallback_year, regions=str(args.regions) if args.regions else None,
    )


def _aliases(args: argparse.Namespace) -> Any:
    """``--aliases`` with ``--groups`` after it (an optional roll-up to parents; never the default)."""
    if not getattr(args, "groups", None):
        return args.aliases
    from .entities import with_groups

    return with_groups(args.aliases, args.groups)


def _core(spec: str | None) -> dict[str, list[str]] | None:
    """``--core FR1`` or ``--core FR=FR1;IT=ITC4``: core regions by country."""
    if not spec:
        return None
    import pandas as pd

    from .regions import country_of, parse_region_codes

    out: dict[str, list[str]] = {}
    for part in [p for p in spec.split(";") if p.strip()]:
        country, _, codes = part.rpartition("=")
        found = parse_region_codes(codes)
        for code, c in zip(found, country_of(pd.Series(found)), strict=True):
            out.setdefault(country.strip().upper() or c, []).append(code)
    return out


def _print_reading(report: IngestReport) -> None:
    """Say how each file was read: reader, encoding, layout and the columns taken."""
    for f in report.files or [report.to_dict()]:
        cols = ", ".join(f"{k}={v}" for k, v in (f.get("columns") or {}).items())
        _print(f"{f['source_files'][0]}: read as {f['reader']} ({f['encoding']}"
              + (f", {f['layout']} table" if f.get("layout") else "") + ")"
              + (f"; columns {cols}" if cols else ""))
        for note in f.get("notes", []):
            _print(f"  note: {note}")
    shown = {n for f in report.files for n in f.get("notes", [])} if report.files else set(report.notes)
    for note in report.notes:  # notes about the set of files (one file given twice …)
        if note not in shown:
            _print(f"note: {note}")


def _cmd_ingest(args: argparse.Namespace) -> int:
    from .ingest import save_processed
    from .run.inputs import load_inputs, resolve_inputs

    if args.data is None:
        raise NetanalysisError("give the raw files or folders to ingest (netanalysis ingest FILE …)")
    inputs = resolve_inputs(args.data, options=_read_options(args))
    if inputs.processed is not None:
        raise NetanalysisError(f"{inputs.processed} is already a processed folder; give the raw files to ingest")
    result = load_inputs(inputs)
    targets = save_processed(result, args.out)
    r = result.report
    _print_reading(r)
    _print(
        f"rows read {r.rows_read}, kept {r.rows_kept}, rejected {r.rows_rejected}; "
        f"{r.patents} patents, {r.applications} applications, {r.actors} actors "
        f"({r.actors_unknown_type} of unknown type, {r.actors_unknown_region} of unknown region)"
    )
    for name, path in targets.items():
        _print(f"wrote {name}: {path}")
    return 0


def _cmd_figures(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")  # the command line draws to files only
    from .run.figures import run_figures

    manifest = run_figures(
        data=args.data, region=args.region, years=args.years, out=args.out, verbose=not args.quiet,
        read=_read_options(args), report=not args.no_report, command=cli_command(args.argv), **_analysis(args),
    )
    written = [o for o in manifest["outputs"] if "file" in o]
    for o in manifest["outputs"]:
        if "skipped" in o:
            _print(f"skipped {o['skipped']}: {o['reason']}")
    _print(f"wrote {len(written)} files to {args.out}")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    from .run.report import build_report

    rep = build_report(
        data=args.data, region=args.region, years=args.years, out=args.out, read=_read_options(args),
        verbose=not args.quiet, command=cli_command(args.argv), **_analysis(args))
    for w in rep.warnings:
        _print(f"Read first: {w}")
    for f in rep.findings:
        _print(f"- {f.verdict}. {f.sentence}" + (f" Why not held: {f.reason}" if f.holds is None and f.reason else ""))
    for name, why in rep.skipped.items():
        _print(f"skipped {name}: {why}")
    _print(f"wrote {args.out}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .run.export import run_export

    written = run_export(data=args.data, out=args.out, formats=args.format,
                         years=args.years, read=_read_options(args), layer=args.layer,
                         color_by=args.color_by, size_by=args.size_by)
    for p in written:
        _print(f"wrote {p}")
    return 0


def _cmd_fetch(args: argparse.Namespace) -> int:
    from .fetch import fetch

    bars: list = []  # made at the first saved page, so an early error prints one line only

    def progress(pages: int, records: int, total: int | None) -> None:
        if args.quiet:
            return
        if not bars:
            from tqdm.auto import tqdm

            bars.append(tqdm(unit="page", file=sys.stderr))
        bars[0].update(pages - bars[0].n)
        bars[0].set_postfix_str(f"{records} of {total if total is not None else '?'} records")

    try:
        res = fetch(args.source, args.query, args.out, dry_run=args.dry_run, base_url=args.base_url,
                    page_size=args.page_size, max_pages=args.max_pages, progress=progress, years=args.years)
    finally:
        for bar in bars:
            bar.close()
    for note in res.notes:
        _print(f"note: {note}")
    if res.dry_run:
        _print(f"{res.source}: {res.total} hits for {res.query!r} (dry run: nothing saved)")
        return 0
    state = "complete" if res.complete else "incomplete (run the same command to go on)"
    _print(f"{res.source}: {res.pages} pages, {res.records} records of {res.total} hits in {res.out}; "
           f"{res.requests} requests; {state}")
    return 0


def _add_fetch_parser(sub: argparse._SubParsersAction) -> None:
    """``netanalysis fetch SOURCE QUERY --out data/raw/NAME/``."""
    pq = sub.add_parser("fetch", help="query a patent office's service; pages saved as received, resumable",
                        description="Keys come from environment variables (PATENTSVIEW_API_KEY, KIPRIS_PLUS_KEY, "
                        "LENS_API_TOKEN, EPO_OPS_KEY and EPO_OPS_SECRET) "
                        "or the keys file $NETANALYSIS_KEYS (default ~/.config/netanalysis/keys.toml), never "
                        "from the command line.")
    pq.add_argument("source", choices=["patentsview", "kipris", "lens", "epo"], help="the service")
    pq.add_argument("query", help="patentsview: the PatentSearch q JSON; kipris: an applicant name or "
                    "customer number (특허고객번호), or an item search of key=value fields separated by ';' "
                    "(applicant=NAME or NUMBER, ipc=CODE, years=FROM-TO; at least applicant or ipc), e.g. "
                    "'applicant=경북대학교 산학협력단; years=2004-2020', or the same as a JSON object "
                    "(KIPRIS Plus has no search by applicant address: address= is refused with the reason); "
                    "lens: a query object (JSON) or a query string; epo: CQL")
    pq.add_argument("--out", type=Path, required=True,
                    help="fetch folder, e.g. data/raw/NAME/ (resumed when run again)")
    pq.add_argument("--dry-run", action="store_true", help="report the number of hits; save nothing")
    pq.add_argument("--page-size", type=int, default=None, help="records a page (default: the service's maximum)")
    pq.add_argument("--max-pages", type=int, default=None, help="stop after N saved pages (resumable)")
    pq.add_argument("--years", default=None, metavar="FROM-TO",
                    help="split a query beyond the service's cap (lens 10,000, epo 2,000) into one query per "
                    "publication year, into OUT/YYYY/; a kipris item search (no documented cap) is split by "
                    "application year at once")
    pq.add_argument("--base-url", default=None, help="another address of the service (a mirror or a test server)")
    pq.add_argument("--quiet", action="store_true", help="no progress bar")
    pq.set_defaults(func=_cmd_fetch)


def _add_reading_options(parser: argparse.ArgumentParser) -> None:
    """``--columns``, ``--sep``, ``--encoding``, ``--layout``, ``--aliases``, ``--firm-sizes``, ``--source-types``."""
    g = parser.add_argument_group("reading raw files")
    g.add_argument("--columns", metavar="MAPPING",
                   help="column mapping for tables of no known layout: patent_id=COL,year=COL,applicants=COL"
                   "[,address=COL,country=COL,region=COL,actor_type=COL,title=COL,ipc=COL,technology=COL,"
                   "inventors=COL,grant_date=COL] or a .toml/.json file; technology: a classification other than "
                   "IPC (e.g. PATSTAT's WIPO techn_field); COL|COL2: whichever column a file has")
    g.add_argument("--sep", metavar="REGEX", help="separator between applicants in one cell (regular expression)")
    g.add_argument("--encoding", help="text encoding of CSV files (default: detected)")
    g.add_argument("--layout", choices=["auto", "wide", "long"], default="auto",
                   help="one row per patent (wide) or per patent x applicant (long); default: detected")
    g.add_argument("--aliases", type=Path, help="alias/override CSV (alias, applicant_id[, name, actor_type])")
    g.add_argument("--groups", type=Path, metavar="FILE",
                   help="optional roll-up of subsidiaries and renamed firms to a parent: a CSV with the alias "
                   "table's columns (alias = subsidiary or old name, applicant_id = parent), applied after --aliases")
    g.add_argument("--firm-sizes", "--sizes", type=Path,
                   help="firm-size CSV: applicant_id (or name) and size (large|sme, 대기업|중견기업|중소기업 …)")
    g.add_argument("--fallback-year", type=int, metavar="YEAR",
                   help="year of API records that carry no date (e.g. a PatentsView query by grant date)")
    g.add_argument("--regions", type=Path, metavar="FILE",
                   help="your own region scheme (CSV: code, name[, name_local, parent, level, country, core, "
                   "grouping columns]) added to the built-in ones")
    g.add_argument("--source-types", type=Path,
                   help="CSV mapping the source's own type labels to actor types (value, maps_to)")
    g.add_argument("--limit", action="append", default=[], metavar="NAME=N",
                   help="raise a resource limit for this run: bytes (2G), rows (5000000), columns (2000), "
                   "cell_chars (1000000), json_depth (64), sheets (256), strings (10000000), yaml_aliases (100), "
                   "memory (RAM); repeatable, sizes take K/M/G")


def _cmd_make_sample(args: argparse.Namespace) -> int:
    from .datasets import write_sample

    _print(f"wrote {write_sample(args.out, seed=args.seed)} (SYNTHETIC)")
    return 0


def _key_value(text: str, option: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip() or not value.strip():
        raise NetanalysisError(f"{option} {text!r}: expected NAME=VALUE, e.g. {option} rows=20000000")
    return key.strip(), value.strip()


def _print(*parts: object, file: TextIO | None = None) -> None:
    """Print with control and bidi characters from cells or file names shown escaped, never obeyed."""
    print(*(terminal_text(str(p)) for p in parts), file=file)


def _tolerant_streams() -> None:
    """A terminal in a legacy code page cannot show Hangul: write an escape, never raise."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # pragma: no cover - a closed or detached stream
                pass


def _inputs_parent() -> argparse.ArgumentParser:
    """What every command that reads data shares: the files, how they are read, and --quiet."""
    parent = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parent.add_argument("data", nargs="*", type=Path, metavar="DATA",
                        help="raw files or folders (never modified), or a folder written by `netanalysis ingest`; "
                        "default: the bundled SYNTHETIC sample")
    parent.add_argument("--data", dest="data_option", type=Path, nargs="+", metavar="DATA",
                        help="the same as the DATA arguments (deprecated: give the files as arguments)")
    _add_reading_options(parent)
    parent.add_argument("--quiet", action="store_true", help="no progress bar")
    return parent


def _years_parent() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parent.add_argument("--years", default=AUTO, metavar="FROM-TO",
                        help="filing years, e.g. 2004-2020; default: 2004-2020 for the sample, every year of DATA")
    return parent


def _analysis_parent() -> argparse.ArgumentParser:
    """The options of an analysis (figures and report alike), with the defaults of :class:`RunSettings`."""
    parent = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parent.add_argument("--region", default=AUTO,
                        help="focal regions, codes or names of any level and scheme (KR-27, 구미시, 'Daegu Jung-gu', "
                        "ITC4, DE212, US-CA, KR, capital, daegyeong), or 'all' for the whole network; default: "
                        "Daegu–Gyeongbuk (KR-27,KR-47) for the bundled sample, the whole network for DATA")
    parent.add_argument("--core", metavar="CODES",
                        help="the country's core region for openness (built in: Korea's capital area), "
                        "e.g. FR1 or 'FR=FR1;IT=ITC4'")
    parent.add_argument("--null-model", choices=["bipartite", "rewire"], default=RunSettings.null_model,
                        help="betweenness null model: the patent-applicant configuration model (default) or "
                        "degree-preserving rewiring of the co-patent network")
    parent.add_argument("--null-model-runs", type=int, default=RunSettings.null_model_runs, metavar="N",
                        help=f"most randomised networks of the null models (default {RunSettings.null_model_runs}, "
                        "smallest p 1/(N+1); a clearly large p stops early; up to 100000)")
    parent.add_argument("--boundaries", type=Path, metavar="FILE",
                        help="region boundaries for the map outside Korea (any file GeoPandas reads, keyed by "
                        "region code; needs netanalysis[maps])")
    parent.add_argument("--bootstrap", type=int, default=RunSettings.bootstrap_samples, metavar="N",
                        help=f"bootstrap samples, of actors and of patents, for the report's intervals "
                        f"({RunSettings.bootstrap_samples} each; 1000 for publication)")
    return parent


def _analysis(args: argparse.Namespace) -> dict[str, Any]:
    """The analysis options as :class:`RunSettings` fields."""
    return {"core": _core(args.core), "null_model": args.null_model, "null_model_runs": args.null_model_runs,
            "boundaries": str(args.boundaries) if args.boundaries else None, "bootstrap_samples": args.bootstrap}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests).

    Every command that reads data takes the same inputs (positional ``DATA``, ``--data`` a
    deprecated alias) and reading options from one parent parser; ``figures`` and ``report``
    share the analysis options, with :class:`~netanalysis.run.RunSettings`' defaults.
    """
    p = argparse.ArgumentParser(
        prog="netanalysis",
        description="Industry–academia co-patenting networks: ingest, figures, report, export, fetch.",
        allow_abbrev=False,
    )
    p.add_argument("--version", action="version", version=f"netanalysis {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    inputs, years, analysis = _inputs_parent(), _years_parent(), _analysis_parent()

    pi = sub.add_parser("ingest", help="raw patent files -> data/processed/ tables", allow_abbrev=False,
                        parents=[inputs])
    pi.add_argument("--out", type=Path, default=PROCESSED_DIR, help="output folder")
    pi.set_defaults(func=_cmd_ingest)

    pf = sub.add_parser("figures", help="regenerate every figure and its table (and the report)",
                        allow_abbrev=False, parents=[inputs, years, analysis])
    pf.add_argument("--out", type=Path, default=FIGURES_DIR, help="output folder")
    pf.add_argument("--no-report", action="store_true", help="figures only: do not write report.html / report.md")
    pf.set_defaults(func=_cmd_figures)

    pr = sub.add_parser("report", allow_abbrev=False, parents=[inputs, years, analysis],
                        help="the regional report: the four questions answered (HTML or Markdown)")
    pr.add_argument("--out", type=Path, default=Path("report.html"),
                    help="report.html (one self-contained file) or report.md (plus a folder of PNGs)")
    pr.set_defaults(func=_cmd_report)

    pe = sub.add_parser("export", allow_abbrev=False, parents=[inputs, years],
                        help="network files for Gephi (GEXF, GraphML), VOSviewer, Pajek and an HTML viewer")
    pe.add_argument("--out", type=Path, default=PROCESSED_DIR / "export", help="output folder")
    pe.add_argument("--format", nargs="+", default=["gexf", "graphml", "csv"],
                    choices=["gexf", "graphml", "csv", "vosviewer", "vosviewer-json", "pajek", "gexf-dynamic", "html"],
                    help="files to write (default: gexf graphml csv); vosviewer = VOSviewer map and network "
                    "files, gexf-dynamic = a GEXF whose timeline plays year by year in Gephi, html = an "
                    "interactive viewer in one offline file")
    pe.add_argument("--layer", choices=["applicants", "inventors", "ipc"], default="applicants",
                    help="the network: co-applicants (default), co-inventors, or IPC co-occurrence (subclasses)")
    pe.add_argument("--color-by", default="actor_type",
                    help="html: node colour, actor_type (default), cluster, region, country")
    pe.add_argument("--size-by", default="betweenness", help="html: node size, betweenness (default), degree")
    pe.set_defaults(func=_cmd_export)

    _add_fetch_parser(sub)

    pm = sub.add_parser("make-sample", allow_abbrev=False,
                        help="write a copy of the SYNTHETIC sample export into ./data/raw/")
    pm.add_argument("--out", type=Path, default=None)
    pm.add_argument("--seed", type=int, default=2004)
    pm.set_defaults(func=_cmd_make_sample)
    return p


def _settle_data(args: argparse.Namespace) -> None:
    """``DATA`` and the deprecated ``--data`` as one list (``None``: the sample); both at once is an error."""
    if not hasattr(args, "data"):
        return
    given = list(args.data or [])
    if args.data_option:
        if given:
            raise NetanalysisError("give the files either as arguments or after --data, not both")
        _print(f"netanalysis {args.command}: note: --data is deprecated; give the files as arguments "
               f"(netanalysis {args.command} FILE …)", file=sys.stderr)
        given = list(args.data_option)
    args.data = given or None


def cli_command(argv: Sequence[str]) -> str:
    """A command line from its arguments, quoted so it can be pasted back.

    Examples
    --------
    >>> cli_command(["report", "--region", "Daegu Jung-gu"])
    "netanalysis report --region 'Daegu Jung-gu'"
    """
    import shlex

    return " ".join(["netanalysis", *(shlex.quote(str(a)) for a in argv)])


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit status."""
    _tolerant_streams()
    args = build_parser().parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    if getattr(args, "out", "unset") is None and args.command == "make-sample":
        args.out = Path("data") / "raw"
    from ._io import Interrupted, handle_signals  # after parsing: --help never loads pandas

    try:
        _settle_data(args)
        overrides = dict(_key_value(x, "--limit") for x in getattr(args, "limit", []))
        # SIGTERM / SIGINT unwind like an error: temporaries removed, old outputs kept
        with handle_signals(), set_limits(**overrides):
            return int(args.func(args))
    except InternalError as e:
        _print(f"netanalysis {args.command}: internal error (a bug; please report it): {e}", file=sys.stderr)
        return 1
    except NetanalysisError as e:
        _print(f"netanalysis {args.command}: error: {e}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, Interrupted) as e:
        signum = e.signum if isinstance(e, Interrupted) else int(signal.SIGINT)
        _print(f"netanalysis {args.command}: interrupted ({signal.Signals(signum).name}); the previous outputs "
               "are unchanged and no temporary file is left", file=sys.stderr)
        return 128 + signum
    except OSError as e:  # a path that cannot be read or written: the user's to fix
        where = f" {e.filename!r}" if e.filename else ""
        _print(f"netanalysis {args.command}: error: cannot use{where}: {e.strerror or e}", file=sys.stderr)
        return 2
    except Exception as e:  # a bug: one line, no traceback
        _print(f"netanalysis {args.command}: internal error (a bug; please report it with the command "
              f"you ran): {type(e).__name__}: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

__all__ = ["build_parser", "main"]
