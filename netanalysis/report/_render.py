"""Render a :class:`~netanalysis.report.Report` as one self-contained HTML file or as Markdown."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

import pandas as pd

from .._escape import html_text, markdown_code_block, markdown_link_target
from .._escape import markdown_text as md

if TYPE_CHECKING:
    from .document import Report

CSS = """
body{font-family:-apple-system,'Segoe UI',Roboto,'Noto Sans KR','Nanum Gothic',sans-serif;max-width:62rem;
margin:2rem auto;padding:0 1.2rem;color:#1a1a1a;line-height:1.5}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.sub{color:#555;margin-top:0}.synthetic{background:#fff3cd;border:1px solid #e0c36a;padding:.6rem .9rem;margin:1rem 0}
.finding{border-left:5px solid #999;padding:.4rem .9rem;margin:1rem 0;background:#fafafa}
.finding.holds{border-color:#009E73}.finding.fails{border-color:#D55E00}.finding.na{border-color:#999}
.verdict{font-weight:600;font-size:.85rem;text-transform:uppercase;letter-spacing:.04em}
.holds .verdict{color:#00795a}.fails .verdict{color:#b34700}.na .verdict{color:#666}
table{border-collapse:collapse;margin:.6rem 0;font-size:.88rem}th,td{border-bottom:1px solid #e3e3e3;
padding:.25rem .6rem;text-align:right}th:first-child,td:first-child{text-align:left}
figure{margin:1rem 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.85rem;color:#555}code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.82rem}
pre{background:#f5f5f5;padding:.6rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
.evidence{font-size:.85rem;color:#555}
.figs{display:grid;grid-template-columns:repeat(auto-fit,minmax(24rem,1fr));gap:.8rem;align-items:start}
.glance li{margin:.3rem 0}
"""

#: The CSS class of a finding's box by its verdict (the words: :attr:`Finding.verdict`).
VERDICT_CLASS = {True: "holds", False: "fails", None: "na"}


def _table_html(df: pd.DataFrame) -> str:
    return df.to_html(index=False, escape=True, border=0, na_rep="–", float_format=lambda x: f"{x:,.3g}")


def _img(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html_text(alt)}">'


def to_html(report: Report) -> str:
    """The report as one HTML document: styles inline, figures as ``data:`` URIs, no request."""
    e = html_text
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{e(report.title)}</title><style>{CSS}</style></head><body>",
           f"<h1>{e(report.title)}</h1>", f'<p class="sub">{e(report.subtitle)}</p>']
    if report.synthetic:
        out.append('<div class="synthetic"><strong>SYNTHETIC DATA.</strong> This report is drawn from the bundled '
                   "synthetic sample (fictional applicants calibrated to show the study's patterns). It shows what "
                   "the report looks like; it is not evidence about any real region.</div>")
    out.extend(f'<div class="synthetic"><strong>Read first.</strong> {e(w)}</div>' for w in report.warnings)
    out.append('<h2>At a glance</h2><ul class="glance">' + "".join(
        f'<li><a href="#{e(f.key)}">{e(f.headline)}</a> ({e(f.verdict.lower())})</li>'
        for f in report.findings) + "</ul>")
    out.append("<h2>The four questions</h2>")
    for f in report.findings:
        out.append(f'<div class="finding {VERDICT_CLASS[f.holds]}" id="{e(f.key)}">'
                   f'<div class="verdict">{e(f.verdict)}</div>'
                   f"<h3>{e(f.question)}</h3><p>{e(f.sentence)}</p>")
        if f.holds is None and f.reason:
            out.append(f"<p><em>Why not held:</em> {e(f.reason)}</p>")
        if f.evidence:
            out.append(f'<p class="evidence">Evidence: {e(", ".join(f.evidence))} (figures and tables of '
                       "<code>netanalysis figures</code>).</p>")
        figs = [f"<figure>{_img(report.figures[n], n)}<figcaption>{e(n)}</figcaption></figure>"
                for n in report.figures_for.get(f.key, []) if n in report.figures]
        out.append('<div class="figs">' + "".join(figs) + "</div></div>")
    if "01_network" in report.figures:
        out.append(f"<h2>The network</h2><figure>{_img(report.figures['01_network'], 'network')}"
                   "<figcaption>01_network</figcaption></figure>")
    out.append("<h2>Data</h2>")
    out.extend(f"<p>{e(p)}</p>" for p in report.data_text)
    for caption, table in report.data_tables.items():
        out.append(f"<h3>{e(caption)}</h3>{_table_html(table)}")
    if report.caveats:
        out.append("<h3>Caveats</h3><ul>" + "".join(f"<li>{e(c)}</li>" for c in report.caveats) + "</ul>")
    out.append("<h2>Uncertainty</h2>")
    out.extend(f"<p>{e(p)}</p>" for p in report.uncertainty_text)
    for caption, table in report.uncertainty_tables.items():
        out.append(f"<h3>{e(caption)}</h3>{_table_html(table)}")
    out.append("<h2>Comparison with the other regions</h2>")
    out.extend(f"<p>{e(p)}</p>" for p in report.comparison_text)
    for name in report.figures_for.get("comparison", []):
        if name in report.figures:
            out.append(f"<figure>{_img(report.figures[name], 'region comparison')}</figure>")
    if report.comparison is not None:
        out.append(_table_html(report.comparison))
    if report.instruments:
        out.append("<h2>The region's innovation system</h2>")
        for heading, sentences in report.instruments.items():
            out.append(f"<h3>{e(heading)}</h3>" + "".join(f"<p>{e(p)}</p>" for p in sentences))
            out += [f"<figure>{_img(report.figures[n], n)}<figcaption>{e(n)}</figcaption></figure>"
                    for n in report.figures_for.get(heading, []) if n in report.figures]
    if report.skipped:
        out.append("<h3>Figures not drawn</h3><ul>"
                   + "".join(f"<li>{e(k)}: {e(v)}</li>" for k, v in report.skipped.items()) + "</ul>")
    out.append("<h2>Reproducibility</h2>")
    out.append(f"<p>Command:</p><pre>{e(report.command)}</pre>")
    out.append(_table_html(pd.DataFrame(report.versions.items(), columns=["package", "version"])))
    out.append(_table_html(pd.DataFrame(report.inputs, columns=["file", "sha256"])))
    out.append(f"<p>Parameters:</p><pre>{e(report.parameters_text)}</pre>")
    out.append("</body></html>")
    return "\n".join(out)


def _md_table(df: pd.DataFrame) -> str:
    """A GitHub-flavoured Markdown table, every text cell escaped (:func:`markdown_text`)."""
    def cell(x: object) -> str:
        if isinstance(x, float):
            return "–" if x != x else f"{x:,.3g}"
        return md(x)
    head = "| " + " | ".join(cell(c) for c in df.columns) + " |"
    rule = "|" + "|".join("---" for _ in df.columns) + "|"
    rows = ["| " + " | ".join(cell(x) for x in r) + " |" for r in df.itertuples(index=False)]
    return "\n".join([head, rule, *rows])


def to_markdown(report: Report, figure_links: dict[str, str] | None = None) -> str:
    """The report as Markdown; ``figure_links`` maps a figure name to the path it was written to.

    Every string from the data, a file name or an option (region names, file names, the
    title) is escaped for Markdown: no link, image or raw HTML can come from it, in any
    previewer (VS Code, pandoc, GitHub, MkDocs).
    """
    links = figure_links or {}

    def img(alt: str, name: str) -> str:
        return f"![{md(alt)}]({markdown_link_target(links[name])})"

    out = [f"# {md(report.title)}", "", f"*{md(report.subtitle)}*", ""]
    if report.synthetic:
        out += ["> **SYNTHETIC DATA.** Drawn from the bundled synthetic sample; not evidence about any real "
                "region.", ""]
    out += [f"> **Read first.** {md(w)}\n" for w in report.warnings]
    out += ["## The four questions", ""]
    for f in report.findings:
        out += [f"### {md(f.question)}", "", f"**{f.verdict}.** {md(f.sentence)}", ""]
        if f.holds is None and f.reason:
            out += [f"*Why not held:* {md(f.reason)}", ""]
        out += [img(n, n) for n in report.figures_for.get(f.key, []) if n in links]
        out.append("")
    out += ["## Data", "", *[md(p) + "\n" for p in report.data_text]]
    for caption, table in report.data_tables.items():
        out += [f"### {md(caption)}", "", _md_table(table), ""]
    if report.caveats:
        out += ["### Caveats", "", *[f"- {md(c)}" for c in report.caveats], ""]
    out += ["## Uncertainty", "", *[md(p) + "\n" for p in report.uncertainty_text]]
    for caption, table in report.uncertainty_tables.items():
        out += [f"### {md(caption)}", "", _md_table(table), ""]
    out += ["## Comparison with the other regions", "", *[md(p) + "\n" for p in report.comparison_text]]
    out += [img("region comparison", n) + "\n" for n in report.figures_for.get("comparison", []) if n in links]
    if report.comparison is not None:
        out += [_md_table(report.comparison), ""]
    if report.instruments:
        out += ["## The region's innovation system", ""]
        for heading, sentences in report.instruments.items():
            out += [f"### {md(heading)}", "", *[md(p) + "\n" for p in sentences]]
            out += [img(n, n) + "\n" for n in report.figures_for.get(heading, []) if n in links]
    out += ["## Reproducibility", "", markdown_code_block(report.command), "",
            _md_table(pd.DataFrame(report.versions.items(), columns=["package", "version"])), "",
            _md_table(pd.DataFrame(report.inputs, columns=["file", "sha256"])), "",
            markdown_code_block(report.parameters_text), ""]
    return "\n".join(out)
