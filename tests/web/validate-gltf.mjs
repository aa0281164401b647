// Validates glb/gltf files with the Khronos glTF validator (npm gltf-validator).
// usage: node validate-gltf.mjs FILE...   prints one line per file:
//   RESULT <errors> <warnings> <infos> FILE [first error messages]
// exit 0 when every file validated without errors, 1 otherwise, 2 on a usage/IO problem.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const validator = require('gltf-validator');

const files = process.argv.slice(2);
if (files.length === 0) {
    console.error('usage: node validate-gltf.mjs FILE...');
    process.exit(2);
}
let failed = false;
for (const file of files) {
    let bytes;
    try {
        bytes = new Uint8Array(fs.readFileSync(file));
    } catch (e) {
        console.log(`RESULT -1 0 0 ${file} cannot be read: ${e.message}`);
        failed = true;
        continue;
    }
    try {
        const report = await validator.validateBytes(bytes, {
            uri: path.basename(file),
            maxIssues: 50,
            externalResourceFunction: () => Promise.reject(new Error('external resources are not expected')),
        });
        const issues = report.issues;
        const errors = issues.messages.filter((m) => m.severity === 0).map((m) => `${m.code} ${m.pointer ?? ''}: ${m.message}`);
        console.log(`RESULT ${issues.numErrors} ${issues.numWarnings} ${issues.numInfos} ${file} ${errors.slice(0, 3).join(' | ')}`);
        if (issues.numErrors > 0)
            failed = true;
    } catch (e) {
        console.log(`RESULT -1 0 0 ${file} validator failed: ${e.message ?? e}`);
        failed = true;
    }
}
process.exit(failed ? 1 : 0);
