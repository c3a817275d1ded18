import { useState } from 'preact/hooks';
import { projectorUrl as projectorLink } from '../../../shared/hall.ts';
import { hallOrigin, useHall } from '../hall/useHall.ts';
import { post } from '../api.ts';
import { Field, FormFoot } from '../Field.tsx';
import { serverErrors } from '../forms.ts';
import { useCanWrite } from '../useSession.ts';
import { useT } from '../useT.ts';
import { displayTokenSchema, type DisplayToken as CreatedToken } from '../../../shared/responses/projector.ts';

/** A token made on this visit; revoked ones stay listed, struck through. */
type DisplayToken = CreatedToken & { revoked?: boolean };


/**
 * 投影: a display token is a read-only credential for one screen in the hall. The URL is shown once, here; a
 * lost one is revoked and replaced.
 */
export function ProjectorLinkScreen({ meetingId }: { meetingId: string }) {
  const { t, server, locale } = useT();
  const canWrite = useCanWrite();
  const [label, setLabel] = useState('');
  const [tokens, setTokens] = useState<DisplayToken[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const hall = useHall();
  // Built on the hall address; the token rides in the fragment, so no request line or log ever carries it.
  const projectorUrl = (token: string) => projectorLink(hallOrigin(hall.data), token);

  const create = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const res = await post(`/api/meetings/${encodeURIComponent(meetingId)}/display-tokens`, label.trim() ? { label: label.trim() } : {}, displayTokenSchema);
    setBusy(false);
    if (!res.ok) {
      setErrors(serverErrors(res.error, ['label'], locale));
      return;
    }
    setErrors({});
    setLabel('');
    setTokens((list) => [res.body, ...list]);
  };
  const revoke = async (id: string) => {
    const res = await post(`/api/display-tokens/${encodeURIComponent(id)}/revoke`);
    if (res.ok) setTokens((list) => list.map((x) => (x.id === id ? { ...x, revoked: true } : x)));
    else setErrors({ '': server(res.error) });
  };

  return (
    <section class="card" data-testid="projector-screen">
      <h2>{t('projector.title')}</h2>
      <p class="muted">{t('projector.hint')}</p>
      {canWrite && (
        <form class="form-grid" onSubmit={(e) => void create(e)} noValidate data-testid="display-token-form">
          <Field id="display-label" label={t('projector.label')} error={errors.label} hint={t('projector.labelHint')}>
            <input id="display-label" value={label} placeholder={t('projector.labelPlaceholder')} onInput={(e) => setLabel(e.currentTarget.value)} />
          </Field>
          <FormFoot id="display-token" error={errors['']} label={t('projector.create')} testId="display-token-create" busy={busy} />
        </form>
      )}
      <ul class="token-list">
        {tokens.map((x) => (
          <li key={x.id} data-testid={`display-token-${x.id}`} class={x.revoked ? 'revoked' : undefined}>
            <strong>{x.label}</strong>
            {x.revoked ? (
              <span class="pill pill-bad">{t('projector.revoked')}</span>
            ) : (
              <>
                <input class="mono url" readOnly value={projectorUrl(x.token)} data-testid="projector-url" onFocus={(e) => e.currentTarget.select()} aria-label={t('projector.url')} />
                <button type="button" class="btn btn-small" onClick={() => void navigator.clipboard?.writeText(projectorUrl(x.token))}>
                  {t('projector.copy')}
                </button>
                <a class="btn btn-small" href={projectorUrl(x.token)} target="_blank" rel="noopener">
                  {t('projector.openLink')}
                </a>
                {canWrite && (
                  <button type="button" class="btn btn-small btn-danger" onClick={() => void revoke(x.id)}>
                    {t('projector.revoke')}
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
