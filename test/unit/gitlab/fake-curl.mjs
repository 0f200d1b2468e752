#!/usr/bin/env node
/* global process, URL */
// A stand-in for curl in the GitLab pipeline test: records each request (method, URL, whether the
// token header was sent, the JSON body) in FAKE_CURL_LOG and answers from FAKE_GITLAB (JSON:
// { user, notes: [page1, page2, ...] }). No network.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
let method = 'GET';
let data = null;
let output = null;
const headers = [];
let url = '';
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--request') method = args[++i];
  else if (arg === '--header') headers.push(args[++i]);
  else if (arg === '--data') data = readFileSync(args[++i].replace(/^@/, ''), 'utf8');
  else if (arg === '-o' || arg === '-fsSLo') output = args[++i];
  else if (arg.startsWith('http')) url = arg;
}
const api = JSON.parse(readFileSync(process.env.FAKE_GITLAB, 'utf8'));
const token = headers.includes(`PRIVATE-TOKEN: ${process.env.MEMBERSHIP_GITLAB_TOKEN}`);
appendFileSync(
  process.env.FAKE_CURL_LOG,
  JSON.stringify({ method, url, token, body: data && JSON.parse(data).body }) + '\n',
);

let answer = '{}';
const parsed = new URL(url);
if (parsed.pathname.endsWith('/user')) answer = JSON.stringify(api.user);
else if (method === 'GET' && parsed.pathname.endsWith('/notes')) {
  const page = Number(parsed.searchParams.get('page'));
  answer = JSON.stringify(api.notes[page - 1] ?? []);
}
if (output !== null && output !== '/dev/null') writeFileSync(output, answer);
else if (output === null) process.stdout.write(answer);
