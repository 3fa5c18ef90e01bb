/**
 * A check that Markdown renders as written: code spans closed, `**` in pairs, no stray `*` or `_` that would open
 * emphasis (an unescaped `allow_legacy_*` in a sentence), brackets of links closed. Returns what is wrong.
 */
export function markdownProblems(markdown: string): string[] {
  const problems: string[] = [];
  const text = markdown.replace(/^```[\s\S]*?^```/gm, '');
  // Code spans: a run of n backticks closed by a run of exactly n.
  let rest = '';
  for (let i = 0; i < text.length; ) {
    if (text[i] === '\\') {
      rest += '  ';
      i += 2;
      continue;
    }
    if (text[i] === '`') {
      const run = /^`+/.exec(text.slice(i))![0];
      const close = text.indexOf(run, i + run.length);
      if (close < 0 || text[close + run.length] === '`') {
        problems.push(`unclosed code span at ${i}`);
        break;
      }
      rest += ' ';
      i = close + run.length;
      continue;
    }
    rest += text[i];
    i++;
  }
  const strong = rest.split('**').length - 1;
  if (strong % 2 !== 0) problems.push('an odd number of **');
  const afterStrong = rest.replace(/\*\*/g, '  ');
  if (/\*/.test(afterStrong)) problems.push('a stray *');
  // An underscore between word characters is literal; one at a word's edge opens or closes emphasis.
  if (/(^|[^A-Za-z0-9])_|_($|[^A-Za-z0-9])/m.test(afterStrong)) problems.push('an underscore at a word edge');
  const opens = (afterStrong.match(/\[/g) ?? []).length;
  const closes = (afterStrong.match(/\]/g) ?? []).length;
  if (opens !== closes) problems.push('unbalanced [ ]');
  return problems;
}
