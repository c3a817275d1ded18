import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { BallotView } from '../../../shared/responses/ballots.ts';
import { paperIssuedSchema, paperPrintedSchema, paperProgressReplySchema } from '../../../shared/responses/paper.ts';
import { deputyListSchema } from '../../../shared/responses/roster.ts';
import { post } from '../api.ts';
import { ConfirmButton } from '../ConfirmButton.tsx';
import { href } from '../route.ts';
import type { Live } from '../useLive.ts';
import { useResource } from '../useResource.ts';
import { useSession } from '../useSession.ts';
import { useT } from '../useT.ts';
import { PaperProgressView } from './PaperProgressView.tsx';
import { usePaperProgress } from './usePaperProgress.ts';

/**
 * 纸质选票 on the ballot page: progress; while the ballot is draft or open, print numbered ballots (and reprint
 * one, voiding its serial) and — open — issue to one deputy or everyone present; once closed, the clerks' entry
 * screen, the scrutineer's disputes, and 计入计票结果.
 */
export function PaperPanel({ meetingId, ballot, live, onChanged }: { meetingId: string; ballot: BallotView; live: Live; onChanged: () => void }) {
  const { t, server } = useT();
  const role = useSession().account?.role;
  const canWrite = role === 'admin' || role === 'operator';
  const { progress, reload } = usePaperProgress(ballot.id, live);
  const deputies = useResource(ballot.status === 'open' && canWrite ? `/api/meetings/${encodeURIComponent(meetingId)}/deputies` : null, deputyListSchema);
  const [deputyId, setDeputyId] = useState('');
  const [count, setCount] = useState('');
  const [reprint, setReprint] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const used = (progress?.issued ?? 0) + (progress?.printed ?? 0) + (progress?.returned ?? 0) > 0;
  if (!ballot.paperOnly && !used && ballot.status !== 'open' && ballot.status !== 'draft') return null;

  const act = async <S extends z.ZodType>(path: string, body: unknown, schema: S, ok: (b: z.output<S>) => string) => {
    setMessage(null);
    const res = await post(`/api/ballots/${encodeURIComponent(ballot.id)}/paper/${path}`, body, schema);
    setMessage(res.ok ? { ok: true, text: ok(res.body) } : { ok: false, text: server(res.error) });
    reload();
    onChanged();
    return res.ok;
  };
  const route = (screen: 'paper-print' | 'paper-entry' | 'paper-disputes') => href({ screen, meetingId, ballotId: ballot.id });
  const present = (deputies.data?.deputies ?? []).filter((d) => d.seated && d.checkedInAt !== null);

  return (
    <section class="card paper-panel" data-testid="paper-panel">
      <h2>{t('paper.title')}</h2>
      {ballot.paperOnly && <p class="notice">{t('paper.onlyNote')}</p>}
      {/* DESIGN §5: the serial must not tie a deputy to a paper; only how the sheets are handed out can keep it so. */}
      {ballot.secret && canWrite && (ballot.status === 'draft' || ballot.status === 'open') && (
        <p class="muted small" data-testid="paper-secret-hint">
          {t('paper.secretHint')}
        </p>
      )}
      {progress && <PaperProgressView progress={progress} />}
      {message && (
        <p class={message.ok ? 'ok' : 'form-error'} role={message.ok ? 'status' : 'alert'} data-testid="paper-message">
          {message.text}
        </p>
      )}
      {canWrite && (ballot.status === 'draft' || ballot.status === 'open') && (
        <div class="paper-actions">
          <form
            class="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void act('print', { count: Number(count) }, paperPrintedSchema, (b) => `${t('paper.printed')} ${b.serials[0]}–${b.serials.at(-1)}`).then((ok) => ok && setCount(''));
            }}
          >
            <label for="paper-count">{t('paper.printCount')}</label>
            <input id="paper-count" data-testid="paper-count" inputMode="numeric" size={5} value={count} onInput={(e) => setCount(e.currentTarget.value)} />
            <button type="submit" class="btn btn-secondary" data-testid="paper-print">
              {t('paper.printNew')}
            </button>
          </form>
          <form
            class="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void act('print', { reprint: reprint.trim() }, paperPrintedSchema, (b) => `${b.voided} → ${b.serials[0]}`).then((ok) => ok && setReprint(''));
            }}
          >
            <label for="paper-reprint">{t('paper.reprintSerial')}</label>
            <input id="paper-reprint" data-testid="paper-reprint-serial" inputMode="numeric" size={6} value={reprint} onInput={(e) => setReprint(e.currentTarget.value)} />
            <button type="submit" class="btn btn-secondary" data-testid="paper-reprint">
              {t('paper.reprint')}
            </button>
          </form>
          <a class="btn btn-secondary" href={route('paper-print')} data-testid="paper-open-sheets">
            {t('paper.openSheets')}
          </a>
        </div>
      )}
      {canWrite && ballot.status === 'open' && (
        <div class="paper-actions">
          <form
            class="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (deputyId) void act('issue', { deputyId }, paperIssuedSchema, (b) => t('paper.issuedNow', { n: b.issued.length }));
            }}
          >
            <label for="paper-deputy">{t('paper.issueOne')}</label>
            <select id="paper-deputy" data-testid="paper-deputy" value={deputyId} onChange={(e) => setDeputyId(e.currentTarget.value)}>
              <option value="">{t('paper.pickDeputy')}</option>
              {present.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.seat ? `${d.seat} ` : ''}
                  {d.name}（{d.delegation}）
                </option>
              ))}
            </select>
            <button type="submit" class="btn btn-secondary" data-testid="paper-issue-one" disabled={!deputyId}>
              {t('paper.issueOne')}
            </button>
            <span class="muted small">{t('paper.issueOneHint')}</span>
          </form>
          <ConfirmButton testId="paper-issue-all" label={t('paper.issueAll')} question={t('paper.issueAllQuestion')} onConfirm={() => act('issue', { allPresent: true }, paperIssuedSchema, (b) => t('paper.issuedNow', { n: b.issued.length })).then(() => {})} />
        </div>
      )}
      {ballot.status === 'closed' && progress && progress.countedAt === null && (
        <div class="paper-actions">
          {canWrite && (
            <a class="btn btn-primary" href={route('paper-entry')} data-testid="paper-enter">
              {t('paper.enter')}
            </a>
          )}
          {role === 'scrutineer' && (
            <a class="btn btn-primary" href={route('paper-disputes')} data-testid="paper-disputes">
              {t('paper.disputes')}
            </a>
          )}
          {canWrite && <ConfirmButton testId="paper-count-in" label={t('paper.count')} question={t('paper.countQuestion')} onConfirm={() => act('count', {}, paperProgressReplySchema, () => t('paper.counted')).then(() => {})} />}
        </div>
      )}
    </section>
  );
}
