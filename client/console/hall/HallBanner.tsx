import { useState } from 'preact/hooks';
import { isLocalOnlyHost } from '../../../shared/hall.ts';
import { publicUrlReplySchema } from '../../../shared/responses/trust.ts';
import { post } from '../api.ts';
import { serverErrors } from '../forms.ts';
import { useSession } from '../useSession.ts';
import { useT } from '../useT.ts';
import { useHall } from './useHall.ts';

/**
 * The warning over every console screen opened at localhost / 127.0.0.1 / ::1: tablets cannot reach that address.
 * It says which hall address the QR codes use, and lets an admin choose one from the machine's LAN addresses.
 */
export function HallBanner() {
  if (!isLocalOnlyHost(location.hostname)) return null;
  return <LocalHostWarning />;
}

function LocalHostWarning() {
  const { t, locale } = useT();
  const { account } = useSession();
  const hall = useHall();
  const [choice, setChoice] = useState('');
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const info = hall.data;
  const isAdmin = account?.role === 'admin';

  const save = async (e: Event) => {
    e.preventDefault();
    const publicUrl = typed.trim() || choice || null;
    const res = await post('/api/hall/public-url', { publicUrl }, publicUrlReplySchema);
    if (!res.ok) {
      const errs = serverErrors(res.error, ['publicUrl'], locale);
      setError(errs.publicUrl ?? errs[''] ?? res.error.message);
      return;
    }
    setError(null);
    setSaved(true);
    setTyped('');
    hall.reload();
  };

  return (
    <div class="hall-banner hall-banner-warn no-print" role="alert" data-testid="localhost-banner" data-public-url={info?.publicUrl ?? ''}>
      <strong>{t('hall.localTitle')}</strong> — {t('hall.localBody', { host: location.hostname })}
      {info?.publicUrl ? (
        <div data-testid="hall-using">
          {t('hall.using', { url: info.publicUrl })} {info.publicUrlSource === 'env' && t('hall.usingEnv')}
        </div>
      ) : (
        <div>{isAdmin ? t('hall.choose') : t('hall.askAdmin')}</div>
      )}
      {isAdmin && info && info.publicUrlSource !== 'env' && (
        <form onSubmit={(e) => void save(e)} data-testid="hall-form" noValidate>
          {info.candidates.length > 0 ? (
            <select aria-label={t('hall.pick')} value={choice} onChange={(e) => setChoice(e.currentTarget.value)} data-testid="hall-candidates">
              <option value="">{t('hall.pick')}</option>
              {info.candidates.map((c) => (
                <option key={c.url} value={c.url}>
                  {c.url} ({c.interface})
                </option>
              ))}
            </select>
          ) : (
            <span>{t('hall.noCandidates')}</span>
          )}
          <input aria-label={t('hall.custom')} placeholder={t('hall.custom')} value={typed} onInput={(e) => setTyped(e.currentTarget.value)} data-testid="hall-custom" />
          <button type="submit" class="btn btn-primary" data-testid="hall-save">
            {t('hall.save')}
          </button>
          {saved && !error && <span>{t('hall.saved')}</span>}
          {error && (
            <span class="form-error" role="alert">
              {error}
            </span>
          )}
        </form>
      )}
    </div>
  );
}
