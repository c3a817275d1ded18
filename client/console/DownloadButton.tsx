import { useState } from 'preact/hooks';
import { downloadFrom } from './api.ts';
import { useT } from './useT.ts';

/** A button that downloads a file the server makes (.docx, .xlsx, CSV); a refusal is shown beside it. */
export function DownloadButton({ url, fallback, label, testId }: { url: string; fallback: string; label: string; testId: string }) {
  const { server } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const click = async () => {
    setBusy(true);
    setError(null);
    const res = await downloadFrom(url, fallback);
    setBusy(false);
    if (!res.ok) setError(server(res.error));
  };
  return (
    <>
      <button type="button" class="btn btn-secondary" data-testid={testId} disabled={busy} onClick={() => void click()}>
        {label}
      </button>
      {error && (
        <span class="form-error" data-testid={`${testId}-error`}>
          {error}
        </span>
      )}
    </>
  );
}
