/**
 * The editor experience through the real YAML language server (the engine of VS Code's YAML
 * extension), spoken to over LSP as an editor does (issue 16, item 10): hover shows the field's
 * Chinese description, and a wrong value gets a Chinese message that says what to write, not a
 * regular expression.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

interface LspDiagnostic {
  range: { start: { line: number; character: number } };
  message: string;
}

/** A minimal LSP client over stdio: requests, and the diagnostics the server publishes per document. */
class Client {
  private buf = Buffer.alloc(0);
  private id = 0;
  private readonly pending = new Map<number, (r: unknown) => void>();
  private readonly diagnostics = new Map<string, (d: LspDiagnostic[]) => void>();
  constructor(private readonly server: ChildProcess) {
    server.stdout!.on('data', (d: Buffer) => this.receive(d));
  }
  private send(msg: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }));
    this.server.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.server.stdin!.write(body);
  }
  private receive(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const head = this.buf.indexOf('\r\n\r\n');
      if (head < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(this.buf.subarray(0, head).toString())![1]);
      if (this.buf.length < head + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(head + 4, head + 4 + len).toString()) as {
        id?: number;
        method?: string;
        result?: unknown;
        params?: { uri: string; diagnostics: LspDiagnostic[]; items?: unknown[] };
      };
      this.buf = this.buf.subarray(head + 4 + len);
      if (msg.method === undefined && msg.id !== undefined) {
        this.pending.get(msg.id)?.(msg.result);
        this.pending.delete(msg.id);
      } else if (msg.method === 'textDocument/publishDiagnostics') {
        this.diagnostics.get(msg.params!.uri)?.(msg.params!.diagnostics);
      } else if (msg.method === 'workspace/configuration') {
        this.send({ id: msg.id, result: msg.params!.items!.map(() => ({ validate: true, hover: true, completion: true })) });
      } else if (msg.id !== undefined) this.send({ id: msg.id, result: null });
    }
  }
  request(method: string, params: object): Promise<unknown> {
    const id = ++this.id;
    this.send({ id, method, params });
    return new Promise((resolve) => this.pending.set(id, resolve));
  }
  notify(method: string, params: object): void {
    this.send({ method, params });
  }
  /** Opens `file` and resolves with the server's first non-empty diagnostics for it (or [] after a while). */
  open(file: string): Promise<LspDiagnostic[]> {
    const uri = pathToFileURL(file).href;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve([]), 8000);
      this.diagnostics.set(uri, (d) => {
        if (d.length === 0) return;
        clearTimeout(timer);
        resolve(d);
      });
      this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(file, 'utf8') } });
    });
  }
}

const require = createRequire(import.meta.url);
let server: ChildProcess;
let client: Client;
let dir: string;

beforeAll(async () => {
  // The workspace as an office has it: issues/ beside schema/, each issue naming the schema on its first line.
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-yamlls-'));
  mkdirSync(path.join(dir, 'issues'));
  mkdirSync(path.join(dir, 'schema'));
  copyFileSync('schema/issue.schema.json', path.join(dir, 'schema', 'issue.schema.json'));
  const bin = path.join(path.dirname(require.resolve('yaml-language-server/package.json')), 'bin', 'yaml-language-server');
  server = spawn(process.execPath, [bin, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  client = new Client(server);
  // VS Code in Chinese sends its display language as the locale.
  await client.request('initialize', { processId: process.pid, locale: 'zh-cn', rootUri: pathToFileURL(dir).href, capabilities: {} });
  client.notify('initialized', {});
  client.notify('workspace/didChangeConfiguration', { settings: { yaml: { validate: true, hover: true, completion: true } } });
}, 30_000);

afterAll(() => {
  server?.kill();
});

/** The sample with `edit` applied, written into the workspace's issues/. */
function issue(name: string, edit: (s: string) => string): string {
  const file = path.join(dir, 'issues', name);
  writeFileSync(file, edit(readFileSync('issues/2021-01.yaml', 'utf8')));
  return file;
}

describe('the YAML language server with our schema', () => {
  it('hover on a field shows its Chinese title and description', async () => {
    const file = issue('hover.yaml', (s) => s);
    await client.open(file);
    const hover = (await client.request('textDocument/hover', {
      textDocument: { uri: pathToFileURL(file).href },
      position: { line: 2, character: 2 }, // "period"
    })) as { contents: { value: string } };
    expect(hover.contents.value).toContain('年月');
    expect(hover.contents.value).toContain('YYYY-MM');
  }, 30_000);

  it('a wrong period, print date or number says what to write, in Chinese, with no regular expression', async () => {
    const file = issue('wrong.yaml', (s) =>
      s.replace('period: 2021-01', 'period: 2021-1').replace('printed: 2021-01-29', 'printed: 2021/1/29').replace('editor:', 'number: 一\neditor:'),
    );
    const ds = await client.open(file);
    const at = (line: number): string => ds.find((d) => d.range.start.line === line - 1)?.message ?? '(none)';
    expect(at(3)).toContain('2021-01');
    expect(at(4)).toContain('整数');
    const printedLine = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith('printed:')) + 1;
    expect(at(printedLine)).toContain('2021-01-29');
    for (const d of ds) {
      expect(d.message, d.message).toMatch(/\p{Script=Han}/u);
      expect(d.message, d.message).not.toMatch(/\^\[0-9\]|\$"|Missing property|is not allowed|Incorrect type/);
    }
  }, 30_000);

  it('a misspelt and a missing field: Chinese messages', async () => {
    const file = issue('fields.yaml', (s) => s.replace('editor:', 'editr:'));
    const ds = await client.open(file);
    expect(ds.length).toBeGreaterThan(0);
    for (const d of ds) {
      expect(d.message, d.message).toMatch(/\p{Script=Han}/u);
      expect(d.message, d.message).not.toMatch(/Missing property|is not allowed/);
    }
    expect(ds.map((d) => d.message).join('\n')).toContain('editor');
  }, 30_000);

  it('a file written by new outside issues/ names a $schema that resolves from where it is', async () => {
    const file = path.join(dir, 'elsewhere', 'deeper', '2021-02.yaml');
    const r = await runCli(['new', '--from', 'issues/2021-01.yaml', '-o', file]);
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=(\.\.\/)+.*schema\/issue\.schema\.json$/);
    await client.open(file);
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith('period:'));
    const hover = (await client.request('textDocument/hover', {
      textDocument: { uri: pathToFileURL(file).href },
      position: { line, character: 2 },
    })) as { contents: { value: string } } | null;
    expect(hover?.contents.value).toContain('年月');
  }, 30_000);
});
