#!/usr/bin/env node
// Generates ../golden.json: the output of Handlebars.js 4.7.8 for every case in
// ../cases.json, with Handlebars' HTML escaping replaced by the JSON-string
// escaping of package handlebars (escape.go), applied to every mustache,
// including {{{x}}} and {{&x}}, and with the helpers of LaunchDarkly's
// integration framework (framework/index.js, its registerHelpers). Dates are
// formatted in UTC, as package handlebars does. Run: npm ci && node generate.js
'use strict';
process.env.TZ = 'UTC'; // dateformat formats in the local time zone
const fs = require('fs');
const path = require('path');
const utils = require('handlebars/dist/cjs/handlebars/utils');

// jsonEscape mirrors EscapeJSONString after Handlebars' own conversion of the
// value to a string (null and undefined are empty, others use String(v)).
function jsonEscape(v) {
  if (typeof v !== 'string') {
    if (v == null) return '';
    v = '' + v;
  }
  return JSON.stringify(v).slice(1, -1)
    .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
// The runtime reads Utils.escapeExpression when a template is created.
utils.escapeExpression = jsonEscape;
// registerHelpers registers on the instance that require('handlebars')
// returns, the one used here.
const Handlebars = require('handlebars');
require('./framework/index.js').registerHelpers();

function escapeAll(node) {
  if (Array.isArray(node)) { node.forEach(escapeAll); return; }
  if (!node || typeof node !== 'object') return;
  if (node.type === 'MustacheStatement') node.escaped = true;
  for (const k of Object.keys(node)) if (k !== 'loc') escapeAll(node[k]);
}

const dir = path.join(__dirname, '..');
const cases = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8'));
const golden = cases.map((c) => {
  try {
    const ast = Handlebars.parse(c.template);
    escapeAll(ast);
    const out = Handlebars.compile(ast)(c.data);
    return { name: c.name, output: out };
  } catch (e) {
    return { name: c.name, error: String(e.message).split('\n')[0] };
  }
});
fs.writeFileSync(path.join(dir, 'golden.json'), JSON.stringify(golden, null, 1) + '\n');
console.log(`wrote ${golden.length} cases`);
