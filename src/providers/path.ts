/**
 * Segments that would not stay one segment of the path: an empty one leaves `//`, and URL parsers
 * (WHATWG URL, which got uses, and servers alike) resolve `.` and `..` away, so that
 * `/v1/organizations/..` asks for `/v1/`. Encoding cannot help: encodeURIComponent leaves `.` as it
 * is, and `%2e` is a dot segment to WHATWG URL as well.
 */
const UNSAFE_SEGMENTS: ReadonlySet<string> = new Set(['', '.', '..']);

/**
 * Builds an API path from literal parts and user-supplied segments, encoding each segment. The
 * schema refuses such names in the file (membership.schema.json), so an unsafe segment here is a
 * bug, or an API answering with one as an id: a plain Error, before any request is made.
 */
export function apiPath(strings: TemplateStringsArray, ...segments: string[]): string {
  for (const segment of segments) {
    if (UNSAFE_SEGMENTS.has(segment)) {
      const template = strings.join('…');
      throw new Error(`API path segment ${JSON.stringify(segment)} in ${template} would reach another endpoint`);
    }
  }
  return strings.reduce((path, part, i) => {
    const segment = segments[i];
    return path + part + (segment === undefined ? '' : encodeURIComponent(segment));
  }, '');
}
