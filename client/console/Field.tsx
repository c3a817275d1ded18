import type { ComponentChildren } from 'preact';

/** A labelled control with its own error line right under it (the server's issue for that path, or ours). */
export function Field({ id, label, error, hint, children, inline }: { id: string; label: string; error?: string | undefined; hint?: string; children: ComponentChildren; inline?: boolean }) {
  return (
    <div class={`field${inline ? ' field-inline' : ''}${error ? ' field-invalid' : ''}`} data-testid={`field-${id}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && !error && <small class="hint">{hint}</small>}
      {error && (
        <p class="field-error" role="alert" id={`${id}-error`} data-testid={`error-${id}`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** What the server said that belongs to no single field. */
export function FormError({ id, error }: { id: string; error?: string | undefined }) {
  if (!error) return null;
  return (
    <p class="form-error" role="alert" data-testid={`error-${id}`}>
      {error}
    </p>
  );
}
