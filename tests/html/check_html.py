#!/usr/bin/env python3
"""Checks `sparkdx analyze --format html` and `sparkdx compare --format html`
pages with a real HTML parser.

For every sample log (samples/diagnosis/*.zstd and samples/demo/) and a log
full of hostile strings, the page must: start with one doctype; have every
element closed in order (void elements aside); contain no script, link,
iframe, object, embed or img element, no on* attribute, and nothing that
fetches (no http:, https: or // URL, no url(), no @import); keep the
Content-Security-Policy that forbids every fetch; and show exactly one
finding card per finding of the JSON report, one bar segment per breakdown
part with a share. Comparison pages (a sample against its slowed copy, and
the hostile log against itself) get the same structural checks.
Usage: check_html.py <sparkdx binary> <samples dir>
"""
import glob
import html.parser
import json
import os
import subprocess
import sys
import tempfile

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
FORBIDDEN = {"script", "link", "iframe", "object", "embed", "img", "base", "frame", "frameset"}


class Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []
        self.doctypes = 0
        self.finding_cards = 0
        self.bar_spans = 0
        self.in_bar = False
        self.csp = None
        self.text = []

    def check_attrs(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.errors.append(f"event handler attribute {name} on <{tag}>")
            v = (value or "").lower()
            if name in ("href", "src", "action", "srcset", "xlink:href", "poster", "data"):
                self.errors.append(f"fetching attribute {name}={value!r} on <{tag}>")
            if "url(" in v or "http:" in v or "https:" in v or "//" in v:
                self.errors.append(f"URL in attribute {name}={value!r} on <{tag}>")

    def handle_decl(self, decl):
        if decl.lower() == "doctype html":
            self.doctypes += 1

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN:
            self.errors.append(f"forbidden element <{tag}>")
        self.check_attrs(tag, attrs)
        a = dict(attrs)
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp = a.get("content")
        cls = a.get("class") or ""
        if tag == "article" and cls.startswith("sdx-card sdx-finding"):
            self.finding_cards += 1
        if tag == "div" and cls == "sdx-bar":
            self.in_bar = True
        elif tag == "span" and self.in_bar:
            self.bar_spans += 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag in FORBIDDEN:
            self.errors.append(f"forbidden element <{tag}>")
        self.check_attrs(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            return
        self.stack.pop()
        if tag == "div" and self.in_bar:
            self.in_bar = False

    def handle_data(self, data):
        self.text.append(data)


def run(binary, args):
    return subprocess.run([binary, "analyze", "-q", *args], capture_output=True, check=False)


def check_structure(page):
    """Problems of any sparkdx HTML page, and its parser."""
    problems = []
    text = page.stdout.decode("utf-8")  # must be valid UTF-8
    parser = Checker()
    parser.feed(text)
    parser.close()
    problems += parser.errors
    if parser.stack:
        problems.append(f"unclosed elements: {parser.stack}")
    if parser.doctypes != 1 or not text.startswith("<!DOCTYPE html>"):
        problems.append("not exactly one leading doctype")
    if parser.csp is None or "default-src 'none'" not in parser.csp:
        problems.append("no Content-Security-Policy forbidding fetches")
    style = text[text.find("<style>"):text.find("</style>")]
    if "@import" in style or "url(" in style:
        problems.append("the stylesheet fetches something")
    return problems, parser


def check(binary, log):
    page = run(binary, ["--format", "html", log])
    report = run(binary, ["--format", "json", log])
    problems, parser = check_structure(page)
    if page.returncode != 0:
        problems.append(f"exit code {page.returncode}: {page.stderr.decode(errors='replace')}")
    doc = json.loads(report.stdout)
    findings = sum(len(app.get("findings") or []) for app in doc.get("applications", []))
    if parser.finding_cards != findings:
        problems.append(f"{parser.finding_cards} finding cards for {findings} findings")
    parts = sum(1 for app in doc.get("applications", []) for p in (app.get("breakdown") or {}).get("parts", [])
                if p.get("share", 0) > 0)
    if parser.bar_spans != parts:
        problems.append(f"{parser.bar_spans} bar segments for {parts} parts with a share")
    return problems, findings, "".join(parser.text)


HOSTILE_LOG = "\n".join([
    '{"Event":"SparkListenerLogStart","Spark Version":"3.5.1"}',
    '{"Event":"SparkListenerApplicationStart","App Name":"<script>alert(1)</script><img src=x onerror=y>",'
    '"App ID":"app-\\"><svg onload=z>","Timestamp":1000,"User":"</main>"}',
    '{"Event":"SparkListenerExecutorAdded","Timestamp":1100,"Executor ID":"1","Executor Info":'
    '{"Host":"<b>h</b>","Total Cores":2,"Log Urls":{}}}',
    '{"Event":"SparkListenerApplicationEnd","Timestamp":5000}',
    '<not json> "</style><script>x()</script>',
]) + "\n"


def report(name, problems):
    """Prints one page's verdict; 1 when it failed."""
    if not problems:
        print(f"ok   {name}")
        return 0
    print(f"FAIL {name}:")
    for p in problems[:20]:
        print(f"    {p}")
    return 1


def main():
    binary, samples = sys.argv[1], sys.argv[2]
    logs = sorted(glob.glob(os.path.join(samples, "diagnosis", "*.zstd"))) + \
        sorted(glob.glob(os.path.join(samples, "demo", "*")))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        hostile = os.path.join(tmp, "hostile-<x>.log")
        with open(hostile, "w", encoding="utf-8") as f:
            f.write(HOSTILE_LOG)
        for log in logs + [hostile]:
            problems, findings, text = check(binary, log)
            if log == hostile and "<script>alert(1)</script>" not in text:
                problems.append("the hostile application name is not shown as text")
            name = os.path.relpath(log, samples) if log != hostile else "hostile log"
            failed += report(f"{name} ({findings} findings)", problems)
        # Comparison pages: exit 0 or 1 (a regression over a budget) are both results.
        pairs = [(os.path.join(samples, "diagnosis", "clean_control.zstd"),
                  os.path.join(samples, "compare", "clean_control_slower.zstd")), (hostile, hostile)]
        for baseline, candidate in pairs:
            page = subprocess.run([binary, "compare", "--format", "html", baseline, candidate],
                                  capture_output=True, check=False)
            problems, parser = check_structure(page)
            if page.returncode not in (0, 1):
                problems.append(f"exit code {page.returncode}: {page.stderr.decode(errors='replace')}")
            if baseline == hostile and "<script>alert(1)</script>" not in "".join(parser.text):
                problems.append("the hostile application name is not shown as text")
            name = "compare " + (os.path.relpath(candidate, samples) if candidate != hostile else "hostile log")
            failed += report(name, problems)
    print(f"{len(logs) + 1 + len(pairs)} html pages, {failed} failed")
    return 1 if failed or not logs else 0


if __name__ == "__main__":
    sys.exit(main())
