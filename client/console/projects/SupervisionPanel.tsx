import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { FormError } from '../Field.tsx';
import { useResource } from '../useResource.ts';
import { useSession } from '../useSession.ts';
import { useT } from '../useT.ts';
import { useClientKey } from './client-key.ts';
import { InspectionForm } from './InspectionForm.tsx';
import { OpinionList } from './OpinionList.tsx';
import { RectificationCard } from './RectificationCard.tsx';
import { supervisionChangedSchema, supervisionReplySchema, type SupervisionAnswer, type StaffSupervision as Supervision, type StaffInspection as SvInspection } from '../../../shared/responses/supervision.ts';
import { InspectionPhotos } from '../../components/InspectionPhotos.tsx';

/**
 * 代表监督 on the console's project page (issue 16, DESIGN §11): 整改 when rated 不满意, inspections (视察/督查) with
 * the deputies by name, opinions and replies. The secretariat records; a unit answers and reports its 整改.
 */
export function SupervisionPanel({ projectId, today }: { projectId: string; today: string }) {
  const { t, server } = useT();
  const role = useSession().account?.role;
  const res = useResource(`/api/projects/${encodeURIComponent(projectId)}/supervision`, supervisionReplySchema);
  const [fresh, setFresh] = useState<Supervision | null>(null);
  const sv = fresh ?? res.data?.supervision ?? null;
  const roster = res.data?.roster ?? [];
  const saved = (a: SupervisionAnswer) => setFresh(a.supervision);
  const secretariat = role === 'operator' || role === 'admin';
  if (res.error && !sv) return <p class="form-error">{server(res.error)}</p>;
  if (!sv) return null;
  return (
    <section class="card sv-panel" data-testid="supervision">
      <h2>{t('sv.title')}</h2>
      {sv.rectifications.length > 0 && (
        <div class="stack">
          <h3>{t('sv.rect')}</h3>
          {sv.rectifications.map((r) => (
            <RectificationCard key={r.id} projectId={projectId} task={r} today={today} asOf={sv.asOf} role={role} onSaved={saved} />
          ))}
        </div>
      )}
      <h3>{t('sv.inspections')}</h3>
      {sv.inspections.length === 0 ? (
        <p class="muted">{t('sv.noInspections')}</p>
      ) : (
        <ul class="sv-list" data-testid="inspections">
          {sv.inspections.map((i) => (
            <InspectionItem key={i.id} projectId={projectId} inspection={i} mayWithdraw={secretariat} onSaved={saved} />
          ))}
        </ul>
      )}
      {secretariat && <InspectionForm projectId={projectId} today={today} roster={roster} onSaved={saved} />}
      <h3>{t('sv.opinions')}</h3>
      <OpinionList projectId={projectId} opinions={sv.opinions} role={role} onSaved={saved} />
      {secretariat && <OpinionForm projectId={projectId} today={today} roster={roster} onSaved={saved} />}
    </section>
  );
}

function InspectionItem({ projectId, inspection: i, mayWithdraw, onSaved }: { projectId: string; inspection: SvInspection; mayWithdraw: boolean; onSaved: (a: SupervisionAnswer) => void }) {
  const { t, server } = useT();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <li data-testid="inspection" class={i.withdrawn ? 'is-withdrawn' : ''}>
      <p>
        <strong>{t(`sv.kind.${i.kind}`)}</strong> · {i.date} · {t('sv.deputies', { n: i.deputyCount })}：{i.deputies.map((d) => d.name).join('、')}
        {i.corrected && <span class="muted"> · {t('sv.corrected')}</span>}
      </p>
      <p>{i.findings}</p>
      <InspectionPhotos photos={i.photos} imgClass="thumb" />
      {i.withdrawn && <p class="muted">{t('sv.withdrawn', { reason: i.withdrawn.reason })}</p>}
      {!i.withdrawn && mayWithdraw && (
        <span class="withdraw-line no-print">
          <input aria-label={t('sv.withdrawReason')} placeholder={t('sv.withdrawReason')} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          <button
            type="button"
            class="btn btn-quiet btn-small"
            onClick={async () => {
              const r = await post(`/api/projects/${encodeURIComponent(projectId)}/inspections/${encodeURIComponent(i.id)}/withdraw`, { reason }, supervisionChangedSchema);
              if (r.ok) onSaved(r.body);
              else setError(server(r.error));
            }}
          >
            {t('sv.withdraw')}
          </button>
          <FormError id={`inspection-${i.id}`} error={error} />
        </span>
      )}
    </li>
  );
}

function OpinionForm(props: { projectId: string; today: string; roster: { id: string; name: string }[]; onSaved: (a: SupervisionAnswer) => void }) {
  const { t, server } = useT();
  const [deputyId, setDeputyId] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // One key per filled form: a double click or a retry records the opinion once.
  const [clientKey, renewClientKey] = useClientKey('op');
  return (
    <div class="sv-row no-print" data-testid="opinion-form">
      <select aria-label={t('sv.opinion.deputy')} value={deputyId} data-testid="opinion-deputy" onChange={(e) => setDeputyId(e.currentTarget.value)}>
        <option value="">{t('sv.opinion.deputy')}</option>
        {props.roster.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
      <textarea rows={2} aria-label={t('sv.opinion.text')} placeholder={t('sv.opinion.text')} value={text} data-testid="opinion-text" onInput={(e) => setText(e.currentTarget.value)} />
      <button
        type="button"
        class="btn btn-secondary btn-small"
        data-testid="opinion-save"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const r = await post(`/api/projects/${encodeURIComponent(props.projectId)}/opinions`, { deputyId, date: props.today, text, clientKey }, supervisionChangedSchema);
          setBusy(false);
          if (!r.ok) return setError(server(r.error));
          renewClientKey();
          setText('');
          setError(undefined);
          props.onSaved(r.body);
        }}
      >
        {t('sv.opinion.add')}
      </button>
      <FormError id="opinion" error={error} />
    </div>
  );
}
