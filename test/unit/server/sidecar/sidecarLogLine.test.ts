// The sidecar's Python log lines in the server's log: their time stamp dropped (the editor's log
// stamps each line once), their level kept (INFO lowered to debug: start-up detail), and a
// traceback's lines kept at the level of the error they follow.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ServerLog } from '../../../../server/src/serverLog';
import { SidecarLogReader } from '../../../../server/src/sidecar/sidecarLogLine';

describe('SidecarLogReader', () => {
  it('maps Python levels and drops the time stamp', () => {
    const reader = new SidecarLogReader();
    assert.deepEqual(reader.read('2025-05-01 10:20:30,123 INFO samsara_sidecar.model_loader: loaded en_core_web_sm 3.8.0'), {
      level: 'debug',
      message: '[sidecar] loaded en_core_web_sm 3.8.0',
    });
    assert.deepEqual(reader.read('2025-05-01 10:20:30,124 WARNING samsara_sidecar.request_loop: bad request (-32600): no id'), {
      level: 'warn',
      message: '[sidecar] bad request (-32600): no id',
    });
    assert.equal(reader.read('2025-05-01 10:20:31,000 CRITICAL samsara_sidecar: out of memory').level, 'error');
  });

  it('keeps a traceback with its error, and other output at debug', () => {
    const reader = new SidecarLogReader();
    assert.deepEqual(reader.read('some library printing'), { level: 'debug', message: '[sidecar] some library printing' });
    reader.read('2025-05-01 10:20:30,123 ERROR samsara_sidecar.request_loop: request 7 failed');
    assert.deepEqual(reader.read('Traceback (most recent call last):'), {
      level: 'error',
      message: '[sidecar] Traceback (most recent call last):',
    });
  });
});

describe('ServerLog', () => {
  function recording(): { log: ServerLog; sent: [string, string][] } {
    const sent: [string, string][] = [];
    const console = {
      error: (m: string) => sent.push(['error', m]),
      warn: (m: string) => sent.push(['warn', m]),
      info: (m: string) => sent.push(['info', m]),
      debug: (m: string) => sent.push(['debug', m]),
    };
    return { log: new ServerLog({ console } as never), sent };
  }

  it('sends each line with its level, debug lines only while the client shows them', () => {
    const { log, sent } = recording();
    log.warn('w');
    log.debug('hidden');
    log.setLevel('debug');
    log.debug('shown');
    log.setLevel('info');
    log.debug('hidden again');
    log.setLevel('not a level');
    log.info('i');
    assert.deepEqual(sent, [
      ['warn', 'w'],
      ['debug', 'shown'],
      ['info', 'i'],
    ]);
  });
});
