import { useState } from 'preact/hooks';
import { SPOIL_REASONS, type PaperEntry, type SpoilReason } from '../../../shared/paper-ballot.ts';
import { ballotDetailSchema, type BallotCandidate } from '../../../shared/responses/ballots.ts';
import { paperDisputesSchema, type PaperDispute } from '../../../shared/responses/paper.ts';
import { post } from '../api.ts';
import type { Live } from '../useLive.ts';
import { useResource } from '../useResource.ts';
import { useT, type ConsoleKey } from '../useT.ts';
import { PaperProgressView } from './PaperProgressView.tsx';
import { TableHead } from '../TableHead.tsx';
import { Options } from '../Field.tsx';
import { BackLink } from '../PageLinks.tsx';

/**
 * The scrutineer's screen (监票人裁定): each paper whose two entries differ, both entries side by side with the
 * differing candidates marked, and a decision taken from the paper itself — the marks, or 废票 with its reason.
 */
export function PaperDisputesScreen({ meetingId, ballotId }: { meetingId: string; ballotId: string; live: Live }) {
  const { t } = useT();
  const detail = useResource(`/api/ballots/${encodeURIComponent(ballotId)}`, ballotDetailSchema);
  const disputes = useResource(`/api/ballots/${encodeURIComponent(ballotId)}/paper/disputes`, paperDisputesSchema);
  const list = disputes.data?.disputes ?? [];
  return (
    <div class="stack" data-testid="paper-disputes-screen">
      <section class="card">
        <BackLink class="muted small" to={{ screen: 'ballot', meetingId, ballotId }} label={t('paper.back')} />
        <h1>
          {t('paper.disputesTitle')} · {detail.data?.ballot.title}
        </h1>
        <p class="muted">{t('paper.disputesHelp')}</p>
        {disputes.data && <PaperProgressView progress={disputes.data.progress} />}
        {disputes.data && list.length === 0 && <p data-testid="no-disputes">{t('paper.noDisputes')}</p>}
      </section>
      {detail.data &&
        list.map((d) => <DisputeCard key={d.serial} ballotId={ballotId} dispute={d} candidates={detail.data!.candidates} options={detail.data!.ballot.options} onDone={disputes.reload} />)}
    </div>
  );
}

function DisputeCard({ ballotId, dispute, candidates, options, onDone }: { ballotId: string; dispute: PaperDispute; candidates: BallotCandidate[]; options: readonly string[]; onDone: () => void }) {
  const { t, server } = useT();
  const first = dispute.entries[0];
  const [marks, setMarks] = useState<Record<string, string>>(first && 'marks' in first ? { ...first.marks } : {});
  const [spoiled, setSpoiled] = useState<SpoilReason | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const label = (o: string | undefined) => (o === undefined ? t('paper.blank') : t(`option.${o}` as ConsoleKey));
  const show = (e: PaperEntry | undefined, id: string) => (!e ? '' : 'spoiled' in e ? t('paper.spoiled') : label(e.marks[id]));
  const differs = (id: string) => show(dispute.entries[0], id) !== show(dispute.entries[1], id);
  const entrySpoil = (e: PaperEntry | undefined) => (e && 'spoiled' in e ? `${t('paper.spoiled')}（${t(`paper.reason.${e.spoiled}` as ConsoleKey)}）` : null);

  const decide = async () => {
    const body = spoiled ? { serial: dispute.serial, spoiled, ...(note.trim() ? { note: note.trim() } : {}) } : { serial: dispute.serial, marks, ...(note.trim() ? { note: note.trim() } : {}) };
    const res = await post(`/api/ballots/${encodeURIComponent(ballotId)}/paper/decisions`, body);
    if (!res.ok) setError(server(res.error));
    else onDone();
  };

  return (
    <section class="card dispute" data-testid="dispute" data-serial={dispute.serial}>
      <h2>
        {t('paper.serial')} № {dispute.serial}
      </h2>
      {error && <p class="form-error" role="alert">{error}</p>}
      {(entrySpoil(dispute.entries[0]) || entrySpoil(dispute.entries[1])) && (
        <p class="muted">
          {t('paper.entry1')}：{entrySpoil(dispute.entries[0]) ?? '—'} · {t('paper.entry2')}：{entrySpoil(dispute.entries[1]) ?? '—'}
        </p>
      )}
      <table class="dispute-table">
        <TableHead cols={[{ key: 'paper.sheetSeq', num: true }, 'paper.sheetName', 'paper.entry1', 'paper.entry2', 'paper.decision']} />
        <tbody>
          {candidates.map((c) => (
            <tr key={c.id} class={differs(c.id) ? 'dispute-diff' : ''} data-testid={differs(c.id) ? 'dispute-diff' : undefined}>
              <td class="num">{c.seq}</td>
              <td>{c.name}</td>
              <td>{show(dispute.entries[0], c.id)}</td>
              <td>{show(dispute.entries[1], c.id)}</td>
              <td>
                <select
                  aria-label={`${c.name} ${t('paper.decision')}`}
                  disabled={spoiled !== ''}
                  value={marks[c.id] ?? ''}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setMarks((m) => {
                      const next = { ...m };
                      if (v) next[c.id] = v;
                      else delete next[c.id];
                      return next;
                    });
                  }}
                >
                  <option value="">{t('paper.blank')}</option>
                  {options.map((o) => (
                    <option key={o} value={o}>
                      {label(o)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="inline-form">
        <label for={`spoil-${dispute.serial}`}>{t('paper.spoiled')}</label>
        <select id={`spoil-${dispute.serial}`} data-testid="dispute-spoiled" value={spoiled} onChange={(e) => setSpoiled(e.currentTarget.value as SpoilReason | '')}>
          <option value="">—</option>
          <Options values={SPOIL_REASONS} label={(r) => t(`paper.reason.${r}` as ConsoleKey)} />
        </select>
        <label for={`note-${dispute.serial}`}>{t('paper.note')}</label>
        <input id={`note-${dispute.serial}`} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        <button type="button" class="btn btn-primary" data-testid="dispute-decide" onClick={() => void decide()}>
          {t('paper.decide')}
        </button>
      </div>
    </section>
  );
}
