// generate.js pins the jsregex corpus to JavaScript: it reads ../cases.json,
// runs every pattern as new RegExp(pattern).test(input), exactly as the
// integration framework's validation server runs arrayInclusion.matcher (no
// flags), and writes ../golden.json with the result of each input, or the
// SyntaxError message for a pattern JavaScript rejects.
//
// Run it with plain Node.js (no npm packages) from any directory:
//
//	node jsregex/testdata/gen/generate.js
//
// The Go tests read golden.json and need no Node.js.
'use strict';

const fs = require('fs');
const path = require('path');

const dir = path.join(__dirname, '..');
const cases = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8')).cases;

const lines = cases.map((c) => {
  const out = { pattern: c.pattern };
  let re;
  try {
    re = new RegExp(c.pattern);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    out.error = e.message;
    return out;
  }
  out.results = c.inputs.map((input) => ({ input, match: re.test(input) }));
  return out;
});

const text = '{\n' +
  '  "generatedBy": "testdata/gen/generate.js from testdata/cases.json",\n' +
  '  "node": ' + JSON.stringify(process.version) + ',\n' +
  '  "v8": ' + JSON.stringify(process.versions.v8) + ',\n' +
  '  "cases": [\n' +
  lines.map((l) => '    ' + JSON.stringify(l)).join(',\n') + '\n' +
  '  ]\n' +
  '}\n';
fs.writeFileSync(path.join(dir, 'golden.json'), text);
console.log('wrote %d cases to %s', lines.length, path.join(dir, 'golden.json'));
