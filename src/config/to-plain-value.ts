import { isAlias, isMap, isScalar, isSeq, type LineCounter, type ParsedNode, type YAMLMap, type YAMLSeq } from 'yaml';
import { findContinuedValue } from './find-indentation-issue.js';
import type { FoundIssue, PathSegment } from './found-issue.js';
import { keyText, pairsOf } from './key-text.js';
import { quoteFileText, showFileText } from './quote-file-text.js';

/** The document as plain data for the schema check, plus what plain data cannot express. */
export interface PlainValue {
  readonly value: unknown;
  readonly issues: FoundIssue[];
  /**
   * JSON pointers (as Ajv writes them) of entries left out or blanked because they were already
   * reported; schema errors about them would only repeat the problem.
   */
  readonly rejected: ReadonlySet<string>;
}

/**
 * Anchors and aliases are refused outright rather than resolved. A membership file is reviewed in
 * pull requests and every membership should be readable where it stands; refusing them also rules
 * out alias bombs and aliases used as keys. Explicit tags (`!foo`, `!!js/function`, even `!!str`)
 * and merge keys (`<<`) are refused for the same reason.
 */
export function toPlainValue(root: ParsedNode, text: string, lineCounter: LineCounter): PlainValue {
  const converter = new PlainConverter(text, lineCounter);
  const value = converter.convert(root);
  return { value: value === REJECTED ? null : value, issues: converter.issues, rejected: converter.rejected };
}

/** Stands for a node that was reported and cannot be turned into data. */
const REJECTED = Symbol('rejected');

/**
 * Mappings become null-prototype objects filled with defineProperty, so `__proto__` stays a key.
 * Recursion is bounded by ConfigLimits.maxNestingDepth, checked on the token tree before composing.
 * The path is one stack, copied only when an issue is reported: a file can hold 100,000s of nodes.
 */
class PlainConverter {
  readonly issues: FoundIssue[] = [];
  readonly rejected = new Set<string>();
  private readonly path: PathSegment[] = [];

  constructor(
    private readonly text: string,
    private readonly lineCounter: LineCounter,
  ) {}

  convert(node: ParsedNode | null): unknown {
    if (node === null) return null;
    if (isAlias(node)) {
      this.report(
        node.range[0],
        `aliases (${showFileText(`*${node.source}`)}) are not supported; write the value out in full`,
      );
      return REJECTED;
    }
    if (node.anchor) {
      const anchor = `&${node.anchor}`;
      this.report(
        this.find(anchor, node),
        `anchors (${showFileText(anchor)}) are not supported; write the value out in full`,
      );
    }
    if (node.tag) {
      const tag = shortTag(node.tag);
      this.report(this.find(tag, node), `tags (${showFileText(tag)}) are not supported; remove the tag`);
      return REJECTED;
    }
    if (isScalar(node) && node.type === 'PLAIN') {
      const continued = findContinuedValue(this.text, node.range, (offset) => this.lineCounter.linePos(offset));
      if (continued !== null) {
        this.report(continued.offset ?? node.range[0], continued.message);
        return REJECTED;
      }
    }
    if (isMap(node)) return this.convertMap(node);
    if (isSeq(node)) return this.convertSeq(node);
    return isScalar(node) ? node.value : null;
  }

  private convertMap(map: YAMLMap.Parsed): object {
    const data = Object.create(null) as Record<string, unknown>;
    const firstSeen = new Map<string, number>();
    for (const { key, value } of pairsOf(map)) {
      const text = this.checkKey(key);
      if (text === null) continue;
      const keyOffset = key?.range[0] ?? value?.range[0] ?? map.range[0];
      this.path.push(text);
      const earlier = firstSeen.get(text);
      if (earlier === undefined) {
        firstSeen.set(text, keyOffset);
        this.convertEntry(data, text, value);
      } else {
        const line = this.lineCounter.linePos(earlier).line;
        this.report(keyOffset, `duplicate key ${quoteFileText(text)} (first at line ${line})`);
      }
      this.path.pop();
    }
    return data;
  }

  private convertEntry(data: Record<string, unknown>, key: string, node: ParsedNode | null): void {
    const value = this.convert(node);
    if (value === REJECTED) this.rejected.add(this.pointer());
    else Object.defineProperty(data, key, { value, enumerable: true, writable: true, configurable: true });
  }

  private convertSeq(seq: YAMLSeq.Parsed): unknown[] {
    return seq.items.map((item, index) => {
      this.path.push(index);
      let value = this.convert(item);
      if (value === REJECTED) {
        // Blanked, not dropped, so that later items keep their index in schema errors.
        this.rejected.add(this.pointer());
        value = null;
      }
      this.path.pop();
      return value;
    });
  }

  /** The key's text, or null when the key itself was reported. */
  private checkKey(key: ParsedNode | null): string | null {
    // `: admin` or a bare `?`: an empty key, which the schema then reports as an empty name.
    if (key === null) return '';
    if (isAlias(key)) {
      const message = `aliases (${showFileText(`*${key.source}`)}) are not supported, not even as keys; write the key out in full`;
      this.report(key.range[0], message);
      return null;
    }
    const text = keyText(key);
    if (text === null) {
      const kind = isSeq(key) ? 'a list' : 'a mapping';
      this.report(key.range[0], `${kind} cannot be a key; keys must be plain text such as a username`);
      return null;
    }
    if (key.tag) {
      const tag = shortTag(key.tag);
      this.report(this.find(tag, key), `tags (${showFileText(tag)}) are not supported; remove the tag`, text);
      return null;
    }
    if (key.anchor) {
      const anchor = `&${key.anchor}`;
      this.report(
        this.find(anchor, key),
        `anchors (${showFileText(anchor)}) are not supported; write the key out in full`,
        text,
      );
    }
    if (text === '<<' && isScalar(key) && key.type === 'PLAIN') {
      this.report(key.range[0], 'merge keys (<<) are not supported; write the keys out in full', text);
      return null;
    }
    return text;
  }

  private report(offset: number, message: string, lastSegment?: string): void {
    const path = lastSegment === undefined ? [...this.path] : [...this.path, lastSegment];
    this.issues.push({ offset, path, message });
  }

  /**
   * Where an anchor or tag was written: the node's range starts at its content, and its properties
   * come before it (for a block collection, possibly on the line above). Falls back to the content.
   */
  private find(property: string, node: ParsedNode): number {
    const offset = this.text.lastIndexOf(property, node.range[0]);
    return offset === -1 ? node.range[0] : offset;
  }

  private pointer(): string {
    return this.path.map((segment) => `/${escapePointer(String(segment))}`).join('');
  }
}

function shortTag(tag: string): string {
  const core = 'tag:yaml.org,2002:';
  return tag.startsWith(core) ? `!!${tag.slice(core.length)}` : tag;
}

/** RFC 6901, as Ajv writes instancePath. */
export function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
