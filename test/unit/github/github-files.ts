/** Loads the shipped GitHub files (action.yml, examples/github/*.yml) for the tests in this folder. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { REPO_ROOT } from '../../support/run-cli.js';

export type Yaml = Record<string, unknown>;

export interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly shell?: string;
  readonly with?: Record<string, string>;
  readonly env?: Record<string, string>;
  readonly 'working-directory'?: string;
}

export interface GitHubFile {
  readonly path: string;
  readonly text: string;
  readonly data: Yaml;
}

export const WORKFLOW_DIR = join(REPO_ROOT, 'examples', 'github');
export const ACTION_PATH = join(REPO_ROOT, 'action.yml');

/** Parses strictly: a duplicate key or a syntax error fails the test instead of being dropped. */
export function loadYaml(path: string): GitHubFile {
  const text = readFileSync(path, 'utf8');
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors.map((error) => error.message).join('\n')}`);
  return { path, text, data: doc.toJS() as Yaml };
}

export function loadWorkflows(): Map<string, GitHubFile> {
  const names = readdirSync(WORKFLOW_DIR)
    .filter((name) => name.endsWith('.yml'))
    .sort();
  return new Map(names.map((name) => [name, loadYaml(join(WORKFLOW_DIR, name))]));
}

export function workflow(name: string): GitHubFile {
  return loadYaml(join(WORKFLOW_DIR, name));
}

export function jobsOf(file: GitHubFile): Map<string, Yaml & { steps: Step[] }> {
  return new Map(Object.entries(file.data.jobs as Record<string, Yaml & { steps: Step[] }>));
}

export function stepsOf(file: GitHubFile): Step[] {
  if (file.data.runs) return (file.data.runs as { steps: Step[] }).steps;
  return [...jobsOf(file).values()].flatMap((job) => job.steps);
}

/** Every string in the document with its path (`jobs.plan.steps.1.env.X`), for policy checks. */
export function stringsIn(value: unknown, path: string[] = []): Array<{ path: string[]; value: string }> {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsIn(item, [...path, String(i)]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => stringsIn(item, [...path, key]));
  }
  return [];
}

/** This tool's own action, pinned to a full commit SHA (a tag can be moved; a commit is what was reviewed). */
export const MEMBERSHIP_ACTION = /^your-org\/membership@[0-9a-f]{40}$/;
export const SCRIPTS_DIR = join(WORKFLOW_DIR, 'scripts');
export const TOKEN_SECRETS = ['TURSO_API_TOKEN', 'PLANETSCALE_SERVICE_TOKEN_ID', 'PLANETSCALE_SERVICE_TOKEN'] as const;
