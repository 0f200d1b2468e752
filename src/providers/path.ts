/** Builds an API path from literal parts and user-supplied segments, encoding each segment. */
export function apiPath(strings: TemplateStringsArray, ...segments: string[]): string {
  return strings.reduce((path, part, i) => path + part + (i < segments.length ? encodeURIComponent(segments[i]!) : ''), '');
}
