import { href, type AnyRoute } from './route.ts';

/**
 * The way back to the screen a page was opened from: "← label" linking to `to` (`class`: how it shows — a button
 * in a print page's bar, a small line above a card's heading).
 */
export function BackLink({ to, label, class: className, testId }: { to: AnyRoute; label: string; class?: string; testId?: string }) {
  return (
    <a class={className} href={href(to)} data-testid={testId}>
      ← {label}
    </a>
  );
}

/** The button that prints the page as it stands (the print stylesheet lays it out; the bar itself is not printed). */
export function PrintButton({ label, testId }: { label: string; testId: string }) {
  return (
    <button type="button" class="btn btn-primary" data-testid={testId} onClick={() => window.print()}>
      {label}
    </button>
  );
}
