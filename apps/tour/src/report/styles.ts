/** The report page's stylesheet (inlined, so the page is one self-contained file). */
export const reportCss = `
:root { --ink: #1a202c; --muted: #4a5568; --line: #e2e8f0; --accent: #2b6cb0; --bg: #f7fafc; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); background: var(--bg); }
header { background: linear-gradient(120deg, #1a365d, #2b6cb0); color: white; padding: 36px 0 28px; }
header p { color: #e2e8f0; margin: 6px 0 0; }
.wrap { max-width: 980px; margin: 0 auto; padding: 0 24px; }
h1 { margin: 0; font-size: 28px; letter-spacing: -0.01em; }
h2 { margin: 0 0 2px; font-size: 21px; }
.course { color: var(--accent); font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.06em; }
section, .card { background: white; border: 1px solid var(--line); border-radius: 10px; padding: 22px 26px; margin: 22px 0; }
nav { margin-top: 14px; display: flex; flex-wrap: wrap; gap: 6px 20px; }
nav a { color: white; font-size: 14px; text-decoration: none; border-bottom: 1px solid rgba(255,255,255,.45); }
header code { background: rgba(255,255,255,.18); color: white; }
p { margin: 8px 0; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; background: #edf2f7; padding: 1px 5px; border-radius: 4px; }
table { border-collapse: collapse; width: 100%; margin: 12px 0 4px; font-size: 14px; }
th, td { text-align: right; padding: 6px 10px; border-bottom: 1px solid var(--line); white-space: nowrap; }
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; white-space: normal; }
th { color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
td.good { color: #2f855a; font-weight: 600; }
.figures { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 18px; margin-top: 16px; }
figure { margin: 0; padding: 12px; border: 1px solid var(--line); border-radius: 8px; background: white; }
figure.wide { grid-column: 1 / -1; }
figure svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
figure.listing { margin: 12px 0; overflow-x: auto; }
pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; margin: 0; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; }
footer { color: var(--muted); font-size: 13px; padding: 8px 0 40px; }
`;
