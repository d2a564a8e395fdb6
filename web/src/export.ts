// Export: the report JSON and Markdown exactly as the CLI prints them (the
// core's formatReport), and a self-contained offline HTML file: the core's
// HTML report when this build has it (`formatReport(json, "html")`), else a
// snapshot of the page's report with the stylesheets inlined and the charts
// turned into images. Files are made in memory and saved; nothing is sent.
import type { SparkdxClient } from './client';
import sharedCss from '../../core/src/report/report.css?raw';
import pageCss from './page.css?raw';

export function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const baseName = (label: string) => label.replace(/[\\/:*?"<>|]+/g, '_').replace(/\.(zstd|zst|lz4|snappy|lzf|gz|zip|inprogress)$/i, '') || 'report';

export async function exportReport(client: SparkdxClient, reportJson: string, label: string, format: 'json' | 'markdown' | 'html', reportElement: HTMLElement) {
  const name = baseName(label);
  if (format === 'json') {
    const { text, error } = await client.format(reportJson, 'json');
    if (text === null) throw new Error(error ?? 'json export failed');
    download(`${name}.sparkdx.json`, text, 'application/json');
  } else if (format === 'markdown') {
    const { text, error } = await client.format(reportJson, 'markdown');
    if (text === null) throw new Error(error ?? 'markdown export failed');
    download(`${name}.sparkdx.md`, text, 'text/markdown');
  } else {
    const { text } = await client.format(reportJson, 'html');
    download(`${name}.sparkdx.html`, text ?? snapshotHtml(reportElement, label), 'text/html');
  }
}

/** The page's report as one offline HTML file (used until the core renders HTML itself). */
export function snapshotHtml(reportElement: HTMLElement, label: string): string {
  const clone = reportElement.cloneNode(true) as HTMLElement;
  const liveCanvases = reportElement.querySelectorAll('canvas');
  clone.querySelectorAll('canvas').forEach((canvas, i) => {
    const img = document.createElement('img');
    img.src = (liveCanvases[i] as HTMLCanvasElement).toDataURL('image/png');
    img.alt = 'chart';
    img.style.maxWidth = '100%';
    canvas.replaceWith(img);
  });
  clone.querySelectorAll('.report-toolbar, button, input, select, script').forEach((e) => e.remove());
  clone.querySelectorAll('details').forEach((d) => d.setAttribute('open', ''));
  clone.querySelectorAll('[hidden]').forEach((e) => { if (e.classList.contains('stage-details')) e.remove(); });
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="sparkdx web page snapshot">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sparkdx report: ${escape(label)}</title>
<style>${sharedCss}\n${pageCss}</style></head>
<body class="sdx"><main>${clone.innerHTML}</main></body></html>
`;
}
