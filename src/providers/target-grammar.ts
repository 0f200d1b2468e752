/**
 * The `--target` text common to every provider: `PROVIDER.NAME[.NAME...]`. The text splits at the
 * first `.` into the provider and the rest; the rest splits into names at unquoted, unescaped dots.
 * A name holding a dot is written in double quotes (`planetscale."my.org".team`) or with the dot
 * escaped (`planetscale.my\.org.team`); `\"` and `\\` escape a quote and a backslash. How many
 * names a provider takes, and what they mean, is its descriptor's grammar.
 */

/** Names separated by unquoted, unescaped dots; undefined when a quote is left open or an escape ends the text. */
export function splitNames(text: string): string[] | undefined {
  const names: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (char === '\\') {
      if (i + 1 >= text.length) return undefined;
      current += text.charAt(++i);
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === '.' && !quoted) {
      names.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (quoted) return undefined;
  names.push(current);
  return names;
}

/** The inverse of splitNames for one name: quoted when it holds a dot, `"` and `\` escaped. */
export function quoteName(name: string): string {
  const escaped = name.replace(/[\\"]/g, (char) => `\\${char}`);
  return name.includes('.') ? `"${escaped}"` : escaped;
}
