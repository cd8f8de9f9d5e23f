// The page's only style sheet, inline: readable on a screen, and on A4 paper for a regulator's file.
export const REPORT_CSS = `
:root { color-scheme: light; --ok: #1b6e3a; --bad: #a4161a; --unknown: #8a5a00; --line: #d0d4da; --muted: #555; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #111; background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; line-height: 1.3; margin: 0.2rem 0 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 0.4rem; }
.verdict { border-left: 0.5rem solid; padding: 0.8rem 1rem; border-radius: 0.3rem; }
.verdict-word { font-weight: 700; letter-spacing: 0.05em; margin: 0; }
.verdict--certified { border-color: var(--ok); background: #eaf6ee; }
.verdict--not-certified { border-color: var(--bad); background: #fbeaea; }
.verdict--no-verdict { border-color: var(--unknown); background: #fff5e0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 0.9rem; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
table.facts th { width: 13rem; }
.status { font-weight: 600; white-space: nowrap; }
.status--held, .status--holds { color: var(--ok); }
.status--not-held, .status--fails { color: var(--bad); }
.status--no-verdict, .status--not-tested { color: var(--unknown); }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85rem; }
pre { background: #f6f7f9; border: 1px solid var(--line); padding: 0.5rem; white-space: pre-wrap; word-break: break-all; }
.muted { color: var(--muted); }
ol.timeline { list-style: none; padding: 0; margin: 0.4rem 0 1rem; border-left: 3px solid var(--line); }
ol.timeline li { position: relative; padding: 0.15rem 0 0.15rem 1rem; }
ol.timeline li::before { content: ""; position: absolute; left: -0.45rem; top: 0.6rem; width: 0.6rem; height: 0.6rem; border-radius: 50%; background: #888; }
ol.timeline li.step--sent::before { background: #2b6cb0; }
ol.timeline li.step--delivery::before { background: #6b46c1; }
ol.timeline li.step--receipt::before { background: var(--ok); }
ol.timeline li.step--fault::before { background: var(--bad); }
ol.timeline li.step--read-back::before { background: #b7791f; }
ol.timeline li.step--read-back-missing { font-weight: 600; color: var(--bad); }
.when { color: var(--muted); font-variant-numeric: tabular-nums; display: inline-block; min-width: 6.5rem; }
.failure { border: 1px solid var(--line); border-radius: 0.3rem; padding: 0.2rem 1rem 0.6rem; margin: 1rem 0; break-inside: avoid-page; }
footer { margin-top: 2rem; font-size: 0.8rem; color: var(--muted); }
@page { size: A4; margin: 15mm 12mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid-page; }
  table, .failure, ol.timeline li { break-inside: avoid; }
  .verdict { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  pre { white-space: pre-wrap; }
}
`;
