import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SidecarError } from '../../../../server/src/sidecar/errors';
import { bundledSidecarPath, locateSidecar } from '../../../../server/src/sidecar/locateSidecar';

describe('locateSidecar', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'samsara-locate-'));
  const exe = path.join(dir, 'sidecar');
  writeFileSync(exe, '#!/bin/sh\n');
  chmodSync(exe, 0o755);
  const plain = path.join(dir, 'plain');
  writeFileSync(plain, '');
  chmodSync(plain, 0o644);

  it('prefers the setting, then the environment, then the bundle next to the server', () => {
    assert.deepEqual(locateSidecar({ settingPath: exe, env: { SAMSARA_SIDECAR_PATH: '/nope' }, serverDir: dir }), {
      path: exe,
      source: 'setting',
    });
    assert.deepEqual(locateSidecar({ settingPath: ' ', env: { SAMSARA_SIDECAR_PATH: exe }, serverDir: dir }), {
      path: exe,
      source: 'environment',
    });
    const serverDir = path.join(dir, 'ext', 'dist');
    const bundled = bundledSidecarPath(serverDir, 'linux');
    assert.equal(bundled, path.join(dir, 'ext', 'python-dist', 'samsara-sidecar', 'samsara-sidecar'));
    assert.ok(bundledSidecarPath(serverDir, 'win32').endsWith('samsara-sidecar.exe'));
    mkdirSync(path.dirname(bundled), { recursive: true });
    writeFileSync(bundled, '');
    chmodSync(bundled, 0o755);
    assert.equal(locateSidecar({ settingPath: '', env: {}, serverDir }).source, 'bundled');
  });

  it('says which platforms have a bundle when this copy carries none (the universal VSIX)', () => {
    const serverDir = path.join(mkdtempSync(path.join(tmpdir(), 'samsara-universal-')), 'dist');
    mkdirSync(serverDir);
    assert.throws(
      () => locateSidecar({ settingPath: '', env: {}, serverDir, platform: 'win32' }),
      (error: unknown) =>
        error instanceof SidecarError &&
        error.code === 'SIDECAR_NOT_FOUND' &&
        error.message.includes('carries no language model for this computer (win32-') &&
        error.message.includes('Alpine Linux') &&
        error.message.includes('Windows (x64 and arm64)') &&
        !error.message.includes('not supported') &&
        error.message.includes('`samsara.sidecar.path`'),
    );
  });

  it('names the path and the setting when the file is missing or not executable', () => {
    const missing = path.join(dir, 'missing');
    assert.throws(
      () => locateSidecar({ settingPath: missing, env: {}, serverDir: dir }),
      (error: unknown) =>
        error instanceof SidecarError &&
        error.code === 'SIDECAR_NOT_FOUND' &&
        error.message.includes(missing) &&
        error.message.includes('samsara.sidecar.path'),
    );
    assert.throws(
      () => locateSidecar({ settingPath: plain, env: {}, serverDir: dir, platform: 'linux' }),
      (error: unknown) =>
        error instanceof SidecarError && error.code === 'SIDECAR_NOT_EXECUTABLE' && error.message.includes(plain) && !error.retryable,
    );
    assert.throws(
      () => locateSidecar({ settingPath: '', env: {}, serverDir: path.join(dir, 'nowhere') }),
      (error: unknown) =>
        error instanceof SidecarError && error.message.includes('samsara.sidecar.path') && error.message.includes('build:python'),
    );
  });
});
