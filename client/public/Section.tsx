import type { ComponentChildren } from 'preact';

/** A titled part of the detail view. */
export function Section({ title, testId, children }: { title: string; testId?: string; children: ComponentChildren }) {
  return (
    <section class="detail-section" data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}
