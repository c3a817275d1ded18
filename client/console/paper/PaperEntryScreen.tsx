import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { normaliseSerial, SPOIL_REASONS, type PaperEntry, type SpoilReason } from '../../../shared/paper-ballot.ts';
import { ballotDetailSchema } from '../../../shared/responses/ballots.ts';
import { paperEntriesSchema } from '../../../shared/responses/paper.ts';
import { post } from '../api.ts';
import type { Live } from '../useLive.ts';
import { useResource } from '../useResource.ts';
import { useT, type ConsoleKey } from '../useT.ts';
import { PaperProgressView } from './PaperProgressView.tsx';
import { usePaperProgress } from './usePaperProgress.ts';
import { BackLink } from '../PageLinks.tsx';

/**
 * A clerk's entry screen (双人录入, DESIGN §10), keyboard-first: type the serial, Enter; then one key per candidate
 * (1/2/3 the ballot's options, 0 unmarked), Backspace back, Enter to submit; F marks the paper 废票 and 1–5 picks
 * the reason. The clerk sees only their own entries — never the other clerk's, nor whether the two agree.
 */
export function PaperEntryScreen({ meetingId, ballotId, live }: { meetingId: string; ballotId: string; live: Live }) {
  const { t, server } = useT();
  const detail = useResource(`/api/ballots/${encodeURIComponent(ballotId)}`, ballotDetailSchema);
  const mine = useResource(`/api/ballots/${encodeURIComponent(ballotId)}/paper/entries`, paperEntriesSchema);
  const { progress, reload } = usePaperProgress(ballotId, live);
  const [serial, setSerial] = useState('');
  const [phase, setPhase] = useState<'serial' | 'marks'>('serial');
  // The paper being entered lives in a ref, changed by each key at once: keys typed faster than the screen
  // renders are never judged against a stale paper (an Enter right after the last mark submits it).
  const paper = useRef<{ marks: (string | null)[]; spoiled: SpoilReason | 'choosing' | null }>({ marks: [], spoiled: null });
  const [, rerender] = useState(0);
  const marks = paper.current.marks;
  const spoiled = paper.current.spoiled;
  const setMarks = (f: (m: (string | null)[]) => (string | null)[]) => {
    paper.current = { ...paper.current, marks: f(paper.current.marks) };
    rerender((n) => n + 1);
  };
  const setSpoiled = (v: SpoilReason | 'choosing' | null) => {
    paper.current = { ...paper.current, spoiled: v };
    rerender((n) => n + 1);
  };
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const serialInput = useRef<HTMLInputElement>(null);
  const pad = useRef<HTMLDivElement>(null);

  const d = detail.data;
  const candidates = d?.candidates ?? [];
  const options = d?.ballot.options ?? ['for', 'against', 'abstain'];
  const cap = d?.ballot.kind === 'selection' ? (d.ballot.maxApprovals ?? null) : null;
  const index = marks.length;
  const isDone = () => {
    const p = paper.current;
    return p.spoiled !== null && p.spoiled !== 'choosing' ? true : p.marks.length === candidates.length;
  };
  const done = isDone();

  // Focus moves with the phase in the same commit, so the next key already lands in the right place.
  useLayoutEffect(() => (phase === 'serial' ? serialInput.current?.focus() : pad.current?.focus()), [phase, d]);

  const restart = () => {
    paper.current = { marks: [], spoiled: null };
    setPhase('serial');
    setSerial('');
    rerender((n) => n + 1);
  };

  const submitting = useRef(false);
  const submit = async () => {
    if (submitting.current) return;
    submitting.current = true;
    const { marks, spoiled } = paper.current;
    const body: Record<string, unknown> = { serial };
    if (spoiled && spoiled !== 'choosing') body.spoiled = spoiled;
    else body.marks = Object.fromEntries(candidates.flatMap((c, i) => (marks[i] ? [[c.id, marks[i]]] : [])));
    const res = await post(`/api/ballots/${encodeURIComponent(ballotId)}/paper/entries`, body);
    setMessage(res.ok ? { ok: true, text: t('paper.entryRecorded', { serial: (res.body as { serial: string }).serial }) } : { ok: false, text: server(res.error) });
    mine.reload();
    reload();
    restart();
    submitting.current = false;
  };

  const onKey = (e: KeyboardEvent) => {
    if (phase !== 'marks') return;
    const k = e.key;
    if (k === 'Escape') return restart();
    const { spoiled } = paper.current;
    if (spoiled === 'choosing') {
      const n = Number(k);
      if (n >= 1 && n <= SPOIL_REASONS.length) setSpoiled(SPOIL_REASONS[n - 1]!);
      else if (k === 'Backspace') setSpoiled(null);
      e.preventDefault();
      return;
    }
    if (k === 'Enter') {
      e.preventDefault();
      if (isDone()) void submit();
      return;
    }
    if (k === 'Backspace') {
      e.preventDefault();
      if (spoiled) setSpoiled(null);
      else setMarks((m) => m.slice(0, -1));
      return;
    }
    if (k === 'f' || k === 'F') {
      e.preventDefault();
      setSpoiled('choosing');
      return;
    }
    if (spoiled || paper.current.marks.length >= candidates.length) return;
    const n = k === ' ' ? 0 : Number(k);
    if (!Number.isInteger(n) || n < 0 || n > options.length) return;
    e.preventDefault();
    setMarks((m) => [...m, n === 0 ? null : options[n - 1]!]);
  };

  const approvals = marks.filter((m) => m === 'for').length;
  const label = (o: string | null) => (o === null ? t('paper.blank') : t(`option.${o}` as ConsoleKey));
  // An entry in the clerk's list: its 赞成 count (against the cap), or for a 满意度测评 its count of each rating.
  const markSummary = (m: Record<string, string>) => {
    const count = (o: string) => Object.values(m).filter((x) => x === o).length;
    return d?.ballot.kind !== 'evaluation' ? `${label('for')} ${count('for')}` : options.map((o) => `${label(o)} ${count(o)}`).join(' · ');
  };

  return (
    <div class="stack paper-entry" data-testid="paper-entry">
      <section class="card">
        <BackLink class="muted small" to={{ screen: 'ballot', meetingId, ballotId }} label={t('paper.back')} />
        <h1>
          {t('paper.entryTitle')} · {d?.ballot.title}
        </h1>
        <p class="muted">{t('paper.entryHelp')}</p>
        {progress && <PaperProgressView progress={progress} />}
        {message && (
          <p class={message.ok ? 'ok' : 'form-error'} role={message.ok ? 'status' : 'alert'} data-testid="entry-message">
            {message.text}
          </p>
        )}
        {phase === 'serial' ? (
          <form
            class="inline-form entry-serial"
            onSubmit={(e) => {
              e.preventDefault();
              // The input's own value: a key typed just before Enter may not have re-rendered yet.
              const typed = (serialInput.current?.value ?? serial).trim();
              if (/^\d{1,8}$/.test(typed)) {
                setSerial(typed);
                setMessage(null);
                setPhase('marks');
              }
            }}
          >
            <label for="entry-serial">{t('paper.entrySerial')}</label>
            <input ref={serialInput} id="entry-serial" data-testid="entry-serial" class="entry-serial-input" inputMode="numeric" autoComplete="off" value={serial} onInput={(e) => setSerial(e.currentTarget.value)} />
            <button type="submit" class="btn btn-primary">
              {t('paper.entryStart')}
            </button>
          </form>
        ) : (
          <div ref={pad} tabIndex={0} class="entry-pad" data-testid="entry-pad" onKeyDown={onKey}>
            <p class="entry-now">
              {t('paper.serial')} № <strong data-testid="entry-current-serial">{normaliseSerial(serial)}</strong>
              {cap !== null && <span class={approvals > cap ? 'entry-cap over' : 'entry-cap'}> · {t('paper.forCount', { n: approvals, cap })}</span>}
            </p>
            {cap !== null && approvals > cap && <p class="form-error">{t('paper.overCap', { cap })}</p>}
            {spoiled !== null ? (
              <div class="entry-spoiled" data-testid="entry-spoiled">
                <p>
                  <strong>{t('paper.spoiled')}</strong> · {t('paper.spoiledReason')}
                </p>
                <ol>
                  {SPOIL_REASONS.map((r) => (
                    <li key={r} class={spoiled === r ? 'entry-current' : ''}>
                      {t(`paper.reason.${r}` as ConsoleKey)}
                    </li>
                  ))}
                </ol>
              </div>
            ) : (
              <table class="entry-table">
                <tbody>
                  {candidates.map((c, i) => (
                    <tr key={c.id} class={i === index ? 'entry-current' : ''} data-testid="entry-row">
                      <td class="num">{c.seq}</td>
                      <td>{c.name}</td>
                      <td class="entry-mark" data-testid="entry-mark">
                        {i < index ? label(marks[i] ?? null) : i === index ? options.map((o, k) => `${k + 1} ${label(o)}`).join(' · ') + ` · 0 ${t('paper.blank')}` : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <button type="button" class="btn btn-primary" data-testid="entry-submit" disabled={!done} onClick={() => void submit()}>
              {t('paper.entrySubmit')}
            </button>
          </div>
        )}
      </section>
      <section class="card">
        <h2>{t('paper.entryMine', { n: mine.data?.entries.length ?? 0 })}</h2>
        <ul class="entry-mine" data-testid="entry-mine">
          {(mine.data?.entries ?? []).slice(0, 50).map((e) => (
            <li key={e.serial}>
              № {e.serial} · {'spoiled' in e.entry ? `${t('paper.spoiled')}（${t(`paper.reason.${e.entry.spoiled}` as ConsoleKey)}）` : markSummary(e.entry.marks)}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
