#!/usr/bin/env node
// The `ops` command (package.json "bin"; `npx ops …`, `npm run --silent ops -- …`). It runs the
// built bundle out/node/ops.js, and builds it first only when it is missing or older than its
// sources, so a run starts at once and prints nothing but the command's own output. A build's
// output goes to stderr: stdout stays the command's (pure JSON with --json).
//
// Plain CommonJS in old syntax on purpose: on a Node too old for the app it must still run far
// enough to say which Node to install (better-sqlite3 on Node 20 dies with a segmentation fault
// and no word), so it checks the version before it loads anything else.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose (above) */
var path = require('path');
var fs = require('fs');

var root = path.join(__dirname, '..');
var required = String(require('../package.json').engines.node).replace(/^>=\s*/, ''); // "22.12"

function versionAtLeast(version, minimum) {
  var have = version.split('.').map(Number);
  var need = minimum.split('.').map(Number);
  for (var i = 0; i < need.length; i++) {
    if ((have[i] || 0) !== need[i]) return (have[i] || 0) > need[i];
  }
  return true;
}

if (!versionAtLeast(process.versions.node, required)) {
  process.stderr.write(
    'ops: Ops Console needs Node ' +
      required +
      ' or later; this is Node ' +
      process.versions.node +
      ' (' +
      process.execPath +
      '). Install Node 22 LTS (nvm install 22, or https://nodejs.org) ' +
      'and run ops with it. Nothing was changed.\n',
  );
  process.exit(1);
}

var bundle = path.join(root, 'out', 'node', 'ops.js');
// What the bundle is built from; tests do not go into it.
var SOURCES = ['electron/cli', 'electron/core', 'shared', 'migrations', 'package.json', 'vite.node.config.mts'];

function newestSource(file) {
  var stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(file) ? 0 : stat.mtimeMs;
  return fs.readdirSync(file).reduce(function (newest, name) {
    return Math.max(newest, newestSource(path.join(file, name)));
  }, 0);
}

function isStale() {
  var built;
  try {
    built = fs.statSync(bundle).mtimeMs;
  } catch {
    return true;
  }
  // A copy without sources (only out/ shipped) runs what it has.
  return SOURCES.some(function (source) {
    return newestSource(path.join(root, source)) > built;
  });
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds out/node once at a time: a second `ops` started meanwhile waits for the first's build. */
function build() {
  var lock = path.join(root, 'out', '.ops-build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  var deadline = Date.now() + 120000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A lock older than two minutes was left by a build that was killed.
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 120000) fs.rmdirSync(lock);
      } catch {
        // gone meanwhile
      }
      if (Date.now() > deadline) break;
      sleep(200);
    }
  }
  try {
    if (!isStale()) return;
    var vite;
    try {
      vite = path.join(path.dirname(require.resolve('vite/package.json', { paths: [root] })), 'bin', 'vite.js');
    } catch {
      process.stderr.write('ops: ' + bundle + ' is missing or out of date, and building it needs the dev dependencies: run npm install.\n');
      process.exit(1);
    }
    process.stderr.write('ops: building the command (first run, or its sources changed)…\n');
    var result = require('child_process').spawnSync(process.execPath, [vite, 'build', '-c', 'vite.node.config.mts', '--logLevel', 'warn'], {
      cwd: root,
      stdio: ['ignore', 2, 2],
    });
    if (result.status !== 0) {
      process.stderr.write('ops: the build failed (see above); nothing was run. Fix it, or run npm run build:node to see it again.\n');
      process.exit(1);
    }
  } finally {
    try {
      fs.rmdirSync(lock);
    } catch {
      // another process removed a lock it judged stale
    }
  }
}

if (isStale()) build();
require(bundle);
