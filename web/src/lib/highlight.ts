/** Splits text into runs that do and do not match a case-insensitive literal search term. */
export interface Segment {
  text: string;
  match: boolean;
}

const SPECIAL = /[.*+?^${}()|[\]\\]/g;

export function highlightSegments(text: string, term: string): Segment[] {
  const needle = term.trim();
  if (!needle || !text) return text ? [{ text, match: false }] : [];
  const pattern = new RegExp(needle.replace(SPECIAL, '\\$&'), 'giu');
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const start = m.index ?? 0;
    if (m[0].length === 0) continue;
    if (start > last) out.push({ text: text.slice(last, start), match: false });
    out.push({ text: m[0], match: true });
    last = start + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), match: false });
  return out;
}
