import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useT } from './useT.ts';

/**
 * Where keyboard focus goes when the step removed the button it came from: the screen's heading. The screen
 * re-renders as the change arrives (its heading may be replaced), so for a second focus is put back on the heading
 * whenever it has fallen to the page body — never taken from anything the user chose.
 */
function focusHeadingSoon(tries = 40): void {
  const active = document.activeElement;
  if (!active || active === document.body) {
    const heading = document.querySelector<HTMLElement>('main h1, h1');
    if (heading) {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }
  if (tries > 0) setTimeout(() => focusHeadingSoon(tries - 1), 25);
}

/**
 * A button for a step that cannot be undone (close, announce): the first press asks, the second does it. In the
 * page, not a browser dialog, so it reads the same in both languages and in tests. Keyboard focus moves to the
 * question (so a screen reader reads it) and, once answered, back to the button — or, when the step removed the
 * button, to the screen's heading (WCAG 2.4.3). `describedBy`: the id of a line that says why it is disabled.
 */
export function ConfirmButton({
  label,
  question,
  onConfirm,
  disabled,
  testId,
  tone = 'primary',
  describedBy,
}: {
  label: string;
  question: string;
  onConfirm: () => Promise<void> | void;
  disabled?: boolean;
  testId: string;
  tone?: 'primary' | 'danger';
  describedBy?: string | undefined;
}) {
  const { t } = useT();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const questionId = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  const questionRef = useRef<HTMLSpanElement>(null);
  const mounted = useRef(true);
  const returnFocus = useRef(false);
  const group = useRef<HTMLSpanElement>(null);
  useEffect(
    () => () => {
      mounted.current = false;
      // Removed while it (or its question) held focus, or just after answering: focus would fall to the body.
      const active = document.activeElement;
      const held = [trigger.current, group.current].some((el) => el && active && el.contains(active));
      if (held || returnFocus.current || !active || active === document.body) setTimeout(() => focusHeadingSoon(), 0);
    },
    [],
  );
  useEffect(() => {
    if (asking) questionRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      if (trigger.current && !trigger.current.disabled) trigger.current.focus();
      else focusHeadingSoon();
    }
  }, [asking]);
  const answer = () => {
    returnFocus.current = true;
    setAsking(false);
  };
  if (!asking) {
    return (
      <button ref={trigger} type="button" class={`btn btn-${tone}`} disabled={disabled} aria-describedby={describedBy} data-testid={testId} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span ref={group} class="confirm" role="group" aria-labelledby={questionId} data-testid={`${testId}-asking`}>
      <span class="confirm-question" id={questionId} ref={questionRef} tabIndex={-1}>
        {question}
      </span>
      <button
        type="button"
        class={`btn btn-${tone}`}
        disabled={busy}
        data-testid={`${testId}-confirm`}
        onClick={async () => {
          setBusy(true);
          returnFocus.current = true;
          await onConfirm();
          if (!mounted.current) return;
          setBusy(false);
          setAsking(false);
        }}
      >
        {t('confirm.yes', { action: label })}
      </button>
      <button type="button" class="btn btn-secondary" data-testid={`${testId}-cancel`} onClick={answer}>
        {t('cancel')}
      </button>
    </span>
  );
}
