import { highlightSegments } from '../lib/highlight';

export function Highlight({ text, term }: { text: string; term: string }) {
  return (
    <>
      {highlightSegments(text, term).map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}
