import { useI18n } from './i18n.tsx';

/** Tablets and projector run full screen (DESIGN.md §2); hidden where the browser cannot. */
export function FullscreenButton() {
  const { t } = useI18n();
  if (typeof document === 'undefined' || !document.fullscreenEnabled) return null;
  return (
    <button
      type="button"
      class="btn btn-quiet"
      data-testid="fullscreen"
      onClick={() => {
        if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
        else void document.documentElement.requestFullscreen().catch(() => {});
      }}
    >
      {t('fullscreen')}
    </button>
  );
}
