// The consumer's earlier complaints on the case post: the newest three with number, status in words and date,
// and a count of the rest. Real core on a real redis-server, posted through the fake Web API.
import { describe, expect, it } from 'vitest';
import { eventually } from '../../helpers/test-app.js';
import { QUEUE, fileAndAnnounce, refused, slackAppPerTest } from './slack-app.js';
import { textsOf } from './slack-render.js';

const s = slackAppPerTest();

const historyOf = (blocks: unknown) => textsOf(blocks).map((p) => p.text).find((x) => x.includes('earlier complaint'));

describe("the consumer's earlier complaints on the case post", () => {
  it('a first complaint has no such line; the fifth shows the newest three, in words with dates, and counts the rest', async () => {
    const first = await fileAndAnnounce(s.t, s.slack, 'h1', 'The lamp arrived smashed');
    expect(historyOf(first.post.args.blocks)).toBeUndefined();
    await s.t.app.core.agentOps.claim('s-mei', first.id);
    await s.t.app.core.agentOps.resolve('s-mei', first.id, 'refunded');
    const ids = [first.id];
    for (const n of [2, 3, 4]) ids.push((await fileAndAnnounce(s.t, s.slack, 'h1', `Complaint number ${n} about a chair`)).id);
    const fifth = await fileAndAnnounce(s.t, s.slack, 'h1', 'Complaint number 5 about a table');

    const line = historyOf(fifth.post.args.blocks)!;
    expect(line).toContain('4 earlier complaints');
    const [newest, second, third] = [ids[3]!, ids[2]!, ids[1]!];
    expect(line.indexOf(newest)).toBeLessThan(line.indexOf(second));
    expect(line.indexOf(second)).toBeLessThan(line.indexOf(third));
    expect(line).not.toContain(first.id);
    expect(line).toContain('waiting in the queue');
    expect(line).toMatch(/<!date\^\d+\^\{date_short\}\|\d{4}-\d{2}-\d{2}>/);
    expect(line).toContain('and 1 earlier');

    // The resolved first case is named in words once it is among the newest three (another consumer's cases never are).
    await fileAndAnnounce(s.t, s.slack, 'h2', 'Someone else entirely');
    await s.t.app.core.agentOps.claim('s-mei', ids[3]!);
    await eventually(() => s.slack.ok('chat.update').some((c) => String(c.args.text).includes(ids[3]!) && historyOf(c.args.blocks)?.includes('3 earlier complaints')), 'the fourth case post re-rendered with its history');
    const update = s.slack.ok('chat.update').filter((c) => String(c.args.text).includes(ids[3]!)).at(-1)!;
    expect(historyOf(update.args.blocks)).toMatch(new RegExp(`${first.id}\\S* resolved`));
    expect(s.slack.ok('chat.postMessage').filter((c) => c.args.channel === QUEUE && !c.args.thread_ts)).toHaveLength(6);
    expect(refused(s.slack)).toEqual([]);
  });
});
