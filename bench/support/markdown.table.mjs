/**
 * A markdown table from `rows` (the header first, every cell a string), columns padded to their
 * widest cell. Columns for which `alignRight(i)` holds are right-aligned, with a `:` rule.
 */
export function markdownTable(rows, { alignRight = () => false } = {}) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) =>
    `| ${r.map((c, i) => (alignRight(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (alignRight(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}
