// Runs generated TypeScript snippets one after another in this process, each against its own API host.
//
//   node -r ./api-host.cjs run-snippets.cjs JOBS.json RESULTS.json
//
// JOBS.json is a list of {key, file, cwd, base_url}.  Each snippet is transpiled with the pinned
// TypeScript (types were checked separately by `tsc --strict --noEmit`) and required unmodified from its
// own working directory; api-host.cjs points the SDK at base_url.  A snippet is finished when the process
// would have exited had it run alone: nothing but what was there before it keeps the event loop alive.
// Writes {key: {stdout, stderr, error}}.
'use strict';
const fs = require('fs');
const path = require('path');
const { Console } = require('console');
const { Writable } = require('stream');
const ts = require('typescript');

const [jobsFile, resultsFile] = process.argv.slice(2);
const jobs = JSON.parse(fs.readFileSync(jobsFile, 'utf8'));
const results = {};
let current = null;

// Open the standard streams now so that a snippet's first output does not count as a handle it left open.
void process.stdout;
void process.stderr;

function buffer() {
  const chunks = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

function fail(error) {
  const text = error && error.stack ? error.stack : String(error);
  if (current) current.error = (current.error ? current.error + '\n' : '') + text;
  else process.stderr.write(`run-snippets: ${text}\n`);
}
process.on('unhandledRejection', fail);
process.on('uncaughtException', fail);

const active = () => process.getActiveResourcesInfo().filter((kind) => kind !== 'Immediate').length;

async function settled(baseline) {
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve));
    if (active() <= baseline) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const realConsole = globalThis.console;

async function main() {
  for (const job of jobs) {
    const out = buffer();
    const err = buffer();
    current = { error: null };
    const source = fs.readFileSync(job.file, 'utf8');
    const js = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2020,
        esModuleInterop: true,
      },
      fileName: job.file,
    }).outputText;
    const compiled = job.file.replace(/\.ts$/, '.js');
    fs.writeFileSync(compiled, js);
    process.env.XERO_TEST_BASE_URL = job.base_url;
    process.chdir(job.cwd);
    globalThis.console = new Console({ stdout: out.stream, stderr: err.stream });
    const started = Date.now();
    const baseline = active();
    try {
      require(compiled);
    } catch (error) {
      fail(error);
    }
    await settled(baseline);
    globalThis.console = realConsole;
    results[job.key] = { stdout: out.text(), stderr: err.text(), error: current.error, ms: Date.now() - started };
    current = null;
  }
  fs.writeFileSync(resultsFile, JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(`run-snippets: ${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 1;
});
