#!/usr/bin/env node
// Validates xAPI statements with Learning Locker's validator (npm @learninglocker/xapi-validation,
// installed at the repository root by scripts/setup.sh). Reads a JSON array of statements from
// the file named on the command line; prints every warning and exits 1 when there is any, 2 when
// the validator or the file cannot be loaded, 0 when every statement is clean.
'use strict';
const fs = require('fs');
const path = require('path');

let validate;
try {
  validate = require(path.join(__dirname, '..', '..', 'node_modules', '@learninglocker',
                               'xapi-validation')).default;
} catch (e) {
  console.error('cannot load @learninglocker/xapi-validation (run scripts/setup.sh): ' + e.message);
  process.exit(2);
}

let statements;
try {
  statements = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
} catch (e) {
  console.error('cannot read statements from ' + process.argv[2] + ': ' + e.message);
  process.exit(2);
}
if (!Array.isArray(statements) || statements.length === 0) {
  console.error('expected a non-empty JSON array of statements');
  process.exit(2);
}

let problems = 0;
statements.forEach((statement, i) => {
  const warnings = validate(statement);
  for (const w of warnings) {
    problems += 1;
    console.log('statement ' + i + ' (' + (statement.verb && statement.verb.id) + '): ' +
                (w.path ? w.path.join('.') : '') + ': ' + w.constructor.name + ': ' + w.message +
                ' ' + JSON.stringify(w.data === undefined ? '' : w.data));
  }
});
console.log(statements.length + ' statements, ' + problems + ' warnings');
process.exit(problems === 0 ? 0 : 1);
