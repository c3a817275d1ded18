import type { BallotKind } from '../../../shared/api.ts';
import { useState } from 'preact/hooks';
import { BLANK_RULES, SELECTION_THRESHOLDS, TIE_RULES } from '../../../shared/record.ts';
import { formatWan } from '../../components/results-view.ts';
import { api, post } from '../api.ts';
import { Field, FieldError, FormFoot, SelectField } from '../Field.tsx';
import { intOrEmpty, serverErrors, toggled } from '../forms.ts';
import type { BallotCandidate, BallotDetail } from '../../../shared/responses/ballots.ts';
import { useT } from '../useT.ts';
import { ballotDetailSchema } from '../../../shared/responses/ballots.ts';

const FIELDS = ['title', 'candidateIds', 'seats', 'maxApprovals', 'threshold', 'blank', 'ties', 'secret', 'durationSeconds', 'closeWhenAllVoted', 'paper'] as const;
type CapMode = 'seats' | 'number' | 'none';

interface Props {
  meetingId: string;
  candidates: BallotCandidate[];
  onCreated: (ballotId: string) => void;
  onCancel: () => void;
  /** Editing a draft: its settings fill the form, and saving sends PATCH /api/ballots/:id. */
  draft?: BallotDetail;
}

/** A ballot from the candidate list, with every rule setting (DESIGN.md §4); the server has the last word. */
export function BallotForm({ meetingId, candidates, onCreated, onCancel, draft }: Props) {
  const { t, server, locale } = useT();
  const d = draft?.ballot;
  const [title, setTitle] = useState(d?.title ?? '');
  const [chosen, setChosen] = useState<Set<string>>(() => new Set((draft?.candidates ?? candidates).map((c) => c.id)));
  const [seats, setSeats] = useState(d?.seats != null ? String(d.seats) : '');
  const [capMode, setCapMode] = useState<CapMode>(!d || d.maxApprovals === d.seats ? 'seats' : d.maxApprovals === null ? 'none' : 'number');
  const [cap, setCap] = useState(d?.maxApprovals != null ? String(d.maxApprovals) : '');
  const [threshold, setThreshold] = useState<string>(d?.threshold ?? 'seated-majority');
  const [blank, setBlank] = useState<string>(d?.blank ?? 'abstain');
  const [ties, setTies] = useState<string>(d?.ties ?? 'runoff');
  const [secret, setSecret] = useState(d?.secret ?? true);
  const [minutes, setMinutes] = useState(d ? String(d.durationSeconds / 60) : '10');
  const [closeWhenAllVoted, setCloseWhenAllVoted] = useState(d?.closeWhenAllVoted ?? false);
  const [paper, setPaper] = useState(d?.paperOnly ?? false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const build = (): { body: Record<string, unknown> } | { errors: Record<string, string> } => {
    const e: Record<string, string> = {};
    if (!title.trim()) e.title = t('check.required');
    if (chosen.size === 0) e.candidateIds = t('ballot.form.noneChosen');
    const s = intOrEmpty(seats);
    if (Number.isNaN(s)) e.seats = t('check.int');
    const c = intOrEmpty(cap);
    if (capMode === 'number' && (c === undefined || Number.isNaN(c))) e.maxApprovals = t('check.int');
    const m = Number(minutes.trim());
    if (!minutes.trim() || !Number.isFinite(m)) e.durationSeconds = t('check.number');
    if (Object.keys(e).length) return { errors: e };
    const body: Record<string, unknown> = {
      title: title.trim(),
      candidateIds: candidates.filter((x) => chosen.has(x.id)).map((x) => x.id),
      threshold,
      blank,
      secret,
      durationSeconds: Math.round(m * 60),
      closeWhenAllVoted,
      paper,
    };
    body.seats = s ?? null;
    body.ties = ties;
    if (capMode === 'number') body.maxApprovals = c;
    if (capMode === 'none') body.maxApprovals = null;
    return { body };
  };

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const built = build();
    if ('errors' in built) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    const res = d
      ? await api('PATCH', `/api/ballots/${encodeURIComponent(d.id)}`, built.body, ballotDetailSchema)
      : await post(`/api/meetings/${encodeURIComponent(meetingId)}/ballots`, built.body, ballotDetailSchema);
    setBusy(false);
    if (res.ok) onCreated(res.body.ballot.id);
    else setErrors(serverErrors(res.error, FIELDS, locale));
  };

  const toggle = (id: string) => setChosen((prev) => toggled(prev, id));

  return (
    <form class="ballot-form" onSubmit={(e) => void submit(e)} noValidate data-testid="ballot-form">
      <div class="form-columns">
        <div class="form-col">
          <Field id="ballot-title" label={t('ballot.title')} error={errors.title}>
            <input id="ballot-title" value={title} placeholder={t('ballot.form.titlePlaceholder')} onInput={(e) => setTitle(e.currentTarget.value)} />
          </Field>
          <Field id="ballot-seats" label={t('ballot.form.seats')} error={errors.seats} hint={t('ballot.form.seatsHint', { n: chosen.size })}>
            <input id="ballot-seats" inputMode="numeric" value={seats} onInput={(e) => setSeats(e.currentTarget.value)} />
          </Field>
          <Field id="ballot-cap" label={t('ballot.form.cap')} error={errors.maxApprovals}>
            <div class="row">
              <select id="ballot-cap" value={capMode} onChange={(e) => setCapMode(e.currentTarget.value as CapMode)} data-testid="ballot-cap-mode">
                <option value="seats">{t('ballot.form.capSeats')}</option>
                <option value="number">{t('ballot.form.capNumber')}</option>
                <option value="none">{t('ballot.form.capNone')}</option>
              </select>
              {capMode === 'number' && (
                <input id="ballot-cap-number" aria-label={t('ballot.form.capNumber')} inputMode="numeric" value={cap} onInput={(e) => setCap(e.currentTarget.value)} />
              )}
            </div>
          </Field>
          <SelectField id="ballot-threshold" label={t('ballot.form.threshold')} error={errors.threshold} value={threshold} values={SELECTION_THRESHOLDS} optionLabel={(x) => t(`threshold.${x}`)} onChange={setThreshold} />
          <SelectField id="ballot-blank" label={t('ballot.form.blank')} error={errors.blank} value={blank} values={BLANK_RULES} optionLabel={(x) => t(`blank.${x}`)} onChange={setBlank} />
          <SelectField id="ballot-ties" label={t('ballot.form.ties')} error={errors.ties} value={ties} values={TIE_RULES} optionLabel={(x) => t(`ties.${x}`)} onChange={setTies} />
          <Field id="ballot-secret" label={t('ballot.form.secret')} error={errors.secret}>
            <select id="ballot-secret" value={secret ? 'secret' : 'named'} onChange={(e) => setSecret(e.currentTarget.value === 'secret')}>
              <option value="secret">{t('secret.true')}</option>
              <option value="named">{t('secret.false')}</option>
            </select>
          </Field>
          <Field id="ballot-duration" label={t('ballot.form.minutes')} error={errors.durationSeconds} hint={t('ballot.form.minutesHint')}>
            <input id="ballot-duration" inputMode="decimal" value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />
          </Field>
          <Field id="ballot-all-voted" label={t('ballot.form.closeWhenAllVoted')} error={errors.closeWhenAllVoted} inline>
            <input id="ballot-all-voted" type="checkbox" checked={closeWhenAllVoted} onChange={(e) => setCloseWhenAllVoted(e.currentTarget.checked)} />
          </Field>
          <Field id="ballot-paper" label={t('paper.ballotOption')} error={errors.paper} inline>
            <input id="ballot-paper" data-testid="ballot-paper" type="checkbox" checked={paper} onChange={(e) => setPaper(e.currentTarget.checked)} />
          </Field>
        </div>
        <fieldset class="form-col candidate-pick" data-testid="ballot-candidates">
          <legend>{t('ballot.form.candidates', { n: chosen.size, total: candidates.length })}</legend>
          <div class="actions">
            <button type="button" class="btn btn-small" onClick={() => setChosen(new Set(candidates.map((c) => c.id)))}>
              {t('ballot.form.all')}
            </button>
            <button type="button" class="btn btn-small" onClick={() => setChosen(new Set())}>
              {t('ballot.form.clear')}
            </button>
          </div>
          <FieldError id="ballot-candidates" error={errors.candidateIds} />
          <ul class="pick-list">
            {candidates.map((c) => (
              <li key={c.id}>
                <label>
                  <input type="checkbox" checked={chosen.has(c.id)} onChange={() => toggle(c.id)} data-testid={`pick-${c.id}`} />
                  <span class="seq">{c.seq}</span> {c.name}
                  {c.budgetWan !== null && <span class="muted small"> · {formatWan(c.budgetWan)} {t('unit.wan')}</span>}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      </div>
      <FormFoot id="ballot-form" error={errors['']} label={d ? t('draft.save') : t('ballot.form.create')} testId={d ? 'draft-save' : 'ballot-create'} busy={busy} onCancel={onCancel} cancelFirst />
    </form>
  );
}
