import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { FormError } from '../Field.tsx';
import { useT } from '../useT.ts';
import { supervisionChangedSchema, type SupervisionAnswer, type Opinion as SvOpinion } from '../../../shared/responses/supervision.ts';

type Saved = (a: SupervisionAnswer) => void;

/** 意见建议 and 办理答复: each opinion with its status; a unit answers, the secretariat records the deputy's view. */
export function OpinionList(props: { projectId: string; opinions: SvOpinion[]; role: string | undefined; onSaved: Saved }) {
  const { t } = useT();
  if (props.opinions.length === 0) return <p class="muted">{t('sv.noOpinions')}</p>;
  return (
    <ul class="sv-list" data-testid="opinions">
      {props.opinions.map((o) => (
        <li key={o.id} data-testid="opinion" data-status={o.status}>
          <p>
            <strong>{o.deputyName}</strong> · {o.date} ·{' '}
            <span class={`sv-status is-${o.status}`}>{t(`sv.opinion.${o.status}`)}</span>
          </p>
          <p>{o.text}</p>
          {o.reply && (
            <p class="sv-reply">
              {t('sv.reply')}（{o.reply.unit}）：{o.reply.text}
              {o.verdict && <span class={`sv-verdict is-${o.verdict}`}> · {t('sv.verdict')}：{t(`sv.verdict.${o.verdict}`)}</span>}
            </p>
          )}
          {!o.reply && props.role === 'unit' && <ReplyForm projectId={props.projectId} opinionId={o.id} onSaved={props.onSaved} />}
          {o.reply && (props.role === 'operator' || props.role === 'admin') && <VerdictButtons projectId={props.projectId} opinion={o} onSaved={props.onSaved} />}
        </li>
      ))}
    </ul>
  );
}

function ReplyForm({ projectId, opinionId, onSaved }: { projectId: string; opinionId: string; onSaved: Saved }) {
  const { t, server } = useT();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <div class="sv-row no-print">
      <textarea rows={2} aria-label={t('sv.reply')} placeholder={t('sv.reply')} value={text} data-testid="reply-text" onInput={(e) => setText(e.currentTarget.value)} />
      <button
        type="button"
        class="btn btn-primary btn-small"
        data-testid="reply-send"
        onClick={async () => {
          const r = await post(`/api/projects/${encodeURIComponent(projectId)}/opinions/${encodeURIComponent(opinionId)}/reply`, { text }, supervisionChangedSchema);
          if (r.ok) onSaved(r.body);
          else setError(server(r.error));
        }}
      >
        {t('sv.reply.send')}
      </button>
      <FormError id={`reply-${opinionId}`} error={error} />
    </div>
  );
}

function VerdictButtons({ projectId, opinion, onSaved }: { projectId: string; opinion: SvOpinion; onSaved: Saved }) {
  const { t, server } = useT();
  const [error, setError] = useState<string | undefined>();
  return (
    <div class="sv-row no-print">
      {(['satisfied', 'dissatisfied'] as const)
        .filter((v) => v !== opinion.verdict)
        .map((v) => (
          <button
            key={v}
            type="button"
            class="btn btn-quiet btn-small"
            data-testid={`verdict-${v}`}
            onClick={async () => {
              const r = await post(`/api/projects/${encodeURIComponent(projectId)}/opinions/${encodeURIComponent(opinion.id)}/verdict`, { verdict: v }, supervisionChangedSchema);
              if (r.ok) onSaved(r.body);
              else setError(server(r.error));
            }}
          >
            {t('sv.verdict')}：{t(`sv.verdict.${v}`)}
          </button>
        ))}
      <FormError id={`verdict-${opinion.id}`} error={error} />
    </div>
  );
}
