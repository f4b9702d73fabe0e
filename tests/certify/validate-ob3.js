#!/usr/bin/env node
// Validates Open Badges 3.0 credentials against the 1EdTech AchievementCredential JSON schema
// (draft 2019-09) with Ajv (npm ajv and ajv-formats, devDependencies in package.json, installed
// at the repository root by scripts/setup.sh).
//
//   node validate-ob3.js SCHEMA.json CREDENTIAL.json...
//
// Prints every schema error and exits 1 when there is any, 2 when Ajv, the schema or a file
// cannot be loaded, 0 when every credential is valid ("N credentials valid").
'use strict';
const fs = require('fs');
const path = require('path');

let Ajv2019;
let addFormats;
try {
  const root = path.join(__dirname, '..', '..', 'node_modules');
  Ajv2019 = require(path.join(root, 'ajv', 'dist', '2019')).default;
  addFormats = require(path.join(root, 'ajv-formats'));
} catch (e) {
  console.error('cannot load ajv / ajv-formats (run scripts/setup.sh or npm ci): ' + e.message);
  process.exit(2);
}

let validate;
try {
  const schema = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const ajv = new Ajv2019({allErrors: true, strict: false});
  addFormats(ajv);
  validate = ajv.compile(schema);
} catch (e) {
  console.error('cannot compile the schema ' + process.argv[2] + ': ' + e.message);
  process.exit(2);
}

let problems = 0;
const files = process.argv.slice(3);
for (const file of files) {
  let credential;
  try {
    credential = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.error('cannot read ' + file + ': ' + e.message);
    process.exit(2);
  }
  if (!validate(credential)) {
    for (const error of validate.errors) {
      problems += 1;
      console.log(path.basename(file) + ': ' + (error.instancePath || '/') + ' ' + error.message +
                  ' ' + JSON.stringify(error.params));
    }
  }
}
console.log(files.length + ' credentials ' + (problems === 0 ? 'valid' : 'with ' + problems +
                                                                    ' schema errors'));
process.exit(problems === 0 ? 0 : 1);
