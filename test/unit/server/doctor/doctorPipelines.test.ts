// The doctor's "Language models" section: each loaded pipeline with its memory, each installed
// one with its size on disk, built by buildDoctorReport and written by doctorToMarkdown.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { doctorToMarkdown } from '../../../../server/src/doctor/doctorMarkdown';
import { buildDoctorReport, type DoctorInputs } from '../../../../server/src/doctor/doctorReport';

const inputs = (pipelines?: DoctorInputs['pipelines']): DoctorInputs => ({
  sidecar: async () => ({ ok: true, model: 'en_core_web_sm', rssBytes: 120 * 1024 * 1024 }),
  // No keys: no provider is asked anything (a local one is, and fails fast on a closed port).
  keys: {},
  keySource: () => 'test',
  baseUrls: { ollama: 'http://127.0.0.1:9' },
  transcriptFolder: async () => '/nonexistent/samsara-doctor-test',
  trust: 'trusted',
  timeoutMs: 2_000,
  ...(pipelines ? { pipelines } : {}),
});

describe('doctor: language models', () => {
  it('lists each loaded pipeline with its memory and each installed one with its size', async () => {
    const report = await buildDoctorReport(
      inputs(async () => ({
        loaded: [
          { language: 'en', pipeline: 'en_core_web_sm', state: 'ready', workers: 2, rssBytes: 250 * 1024 * 1024, idleMs: 0 },
          { language: 'fr', pipeline: 'fr_core_news_sm', state: 'ready', workers: 1, rssBytes: 160 * 1024 * 1024, idleMs: 180_000 },
        ],
        installed: [
          { name: 'fr_core_news_sm', language: 'fr', version: '3.8.0', sizeBytes: 45 * 1024 * 1024, path: '/store/fr_core_news_sm' },
          {
            name: 'ja_core_news_sm',
            language: 'ja',
            version: '3.8.0',
            sizeBytes: 12 * 1024 * 1024,
            supportBytes: 193 * 1024 * 1024,
            path: '/store/ja_core_news_sm',
          },
        ],
      })),
    );
    const markdown = doctorToMarkdown(report);
    assert.match(markdown, /## Language models/);
    assert.match(markdown, /\| en_core_web_sm \| en \| ready \| 2 \| 250 MB \| 0 min \|/);
    assert.match(markdown, /\| fr_core_news_sm \| fr \| ready \| 1 \| 160 MB \| 3 min \|/);
    assert.match(markdown, /\| fr_core_news_sm \| fr \| 3\.8\.0 \| 45 MB \| `\/store\/fr_core_news_sm` \|/);
    assert.match(
      markdown,
      /\| ja_core_news_sm \| ja \| 3\.8\.0 \| 12 MB \+ 193 MB dictionary \|/,
      'the dictionary beside the Japanese model',
    );
  });

  it('says when none is loaded or installed, and leaves the section out where nothing reports it', async () => {
    const empty = doctorToMarkdown(await buildDoctorReport(inputs(async () => ({ loaded: [], installed: [] }))));
    assert.match(empty, /None loaded\./);
    assert.match(empty, /No other language models installed\./);
    assert.doesNotMatch(doctorToMarkdown(await buildDoctorReport(inputs())), /Language models/);
  });
});
