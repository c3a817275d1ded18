import type { ComponentChildren } from 'preact';

/** A message the deputy must not miss: large, coloured, announced to screen readers. */
export function Notice({ tone, testId, children }: { tone: 'warn' | 'error' | 'info' | 'ok'; testId?: string; children: ComponentChildren }) {
  return (
    <div class={`notice notice-${tone}`} role={tone === 'error' || tone === 'warn' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}
