import { caPageUrl, type HallInfo } from '../../../shared/hall.ts';
import { QrCode } from '../cards/QrCode.tsx';
import { useT } from '../useT.ts';
import { hallOrigin } from './useHall.ts';

/**
 * 第一步: the QR code of the root certificate's install page (the plain-HTTP helper on the hall host), its
 * fingerprint and a download link. Nothing when the server uses no local CA (a given certificate, or HTTP).
 */
export function RootCertPanel({ info }: { info: HallInfo | null }) {
  const { t } = useT();
  if (!info?.ca) return null;
  const url = caPageUrl(hallOrigin(info), info.ca.port);
  return (
    <section class="card root-cert" data-testid="root-cert-panel" data-url={url}>
      <h2>{t('hall.caTitle')}</h2>
      <div class="root-cert-body">
        <QrCode text={url} label={t('hall.caQr')} />
        <div>
          <p>{t('hall.caBody')}</p>
          <p class="mono">{url}</p>
          <p>
            {t('hall.caFingerprint')}: <span class="mono small">{info.ca.fingerprint256}</span>
          </p>
          <p>
            <a class="btn btn-small" href="/ca.crt" download>
              {t('hall.caDownload')}
            </a>
          </p>
        </div>
      </div>
    </section>
  );
}
