// Queue mode's pure parts: a job's pg-boss id comes from its content key (enqueueing twice queues
// one job), a job survives the trip through the queue's JSON and is checked on arrival, and the
// connection string's password is taken out of anything shown.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { campaignJobs } from '../../../../server/src/campaigns/campaignJobs';
import {
  connectionSecrets,
  queuedJobSchema,
  queueJobId,
  redactConnection,
  toQueuedJob,
} from '../../../../server/src/campaigns/campaignQueue';
import { parseCampaign } from '../../../../server/src/campaigns/campaignSchema';

const campaign = parseCampaign('name: c\nmodels: [openai:m]\nrepeats: 2\npassages: [{text: x}]', 'c.yaml');
const scenario = { id: 'brief', title: 'Brief', preamble: '', prompt: 'Summarise: {{selection}}', followUps: [] };
const jobs = campaignJobs(campaign, [{ id: 'p', text: 'Ada Lovelace.', file: 'a.md', expect: { mention: ['Ada'] } }], [scenario]);

describe('campaign queue', () => {
  it('derives one UUID per campaign and content key', () => {
    const [a, b] = jobs.map((j) => queueJobId('c', j.key));
    assert.match(a ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(a, queueJobId('c', jobs[0]?.key ?? ''));
    assert.notEqual(a, b);
    assert.notEqual(a, queueJobId('other', jobs[0]?.key ?? ''));
  });

  it('a queued job round-trips through JSON and a foreign one is refused', () => {
    const job = toQueuedJob('c', jobs[0]!, true);
    assert.deepEqual(queuedJobSchema.parse(JSON.parse(JSON.stringify(job))), job);
    assert.equal(job.passage.file, 'a.md');
    assert.equal('expect' in job.passage, false, 'expectations stay with the campaign file');
    assert.equal(queuedJobSchema.safeParse({ ...job, key: '../etc' }).success, false);
    assert.equal(queuedJobSchema.safeParse({ hello: 'world' }).success, false);
  });

  it('takes the password out of messages, as written, decoded and from PGPASSWORD', () => {
    const url = 'postgresql://sam:p%40ss-w0rd-9x@db.example:5432/q';
    const secrets = connectionSecrets(url, { PGPASSWORD: 'env-Secret-77' });
    const text = `cannot reach ${url}; auth p@ss-w0rd-9x failed; env-Secret-77`;
    const out = redactConnection(text, secrets);
    assert.ok(!out.includes('p@ss-w0rd-9x') && !out.includes('p%40ss') && !out.includes('env-Secret-77'), out);
    assert.match(out, /postgresql:\/\/\[redacted\]@db\.example:5432\/q/);
  });
});
