import { cloneElement, isValidElement, toChildArray, type ComponentChildren } from 'preact';
import { useT } from './useT.ts';

/**
 * A labelled control with its own error line right under it (the server's issue for that path, or ours). The
 * control (the child whose `id` is `id`) is tied to its hint or error: `aria-describedby` names the line shown, and
 * `aria-invalid` is set while there is an error, so a screen reader reads the error with the field (WCAG 3.3.1).
 */
export function Field({ id, label, error, hint, children, inline }: { id: string; label: string; error?: string | undefined; hint?: string; children: ComponentChildren; inline?: boolean }) {
  const described = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  const controls = toChildArray(children).map((child) => {
    if (!isValidElement(child) || (child.props as { id?: unknown }).id !== id) return child;
    const own = (child.props as { 'aria-describedby'?: string })['aria-describedby'];
    return cloneElement(child, {
      'aria-invalid': error ? 'true' : undefined,
      'aria-describedby': [own, described].filter(Boolean).join(' ') || undefined,
    } as Record<string, unknown>);
  });
  return (
    <div class={`field${inline ? ' field-inline' : ''}${error ? ' field-invalid' : ''}`} data-testid={`field-${id}`}>
      <label for={id}>{label}</label>
      {controls}
      {hint && !error && (
        <small class="hint" id={`${id}-hint`}>
          {hint}
        </small>
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}

/**
 * The error line of one field (`id`: the line is `${id}-error`, test id `error-${id}`), or nothing when there is
 * none; also used alone under a fieldset of checkboxes or rows that no single control stands for.
 */
export function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  if (!error) return null;
  return (
    <p class="field-error" role="alert" id={`${id}-error`} data-testid={`error-${id}`}>
      {error}
    </p>
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

/**
 * A form's foot: the form-wide error (FormError, `id`), then its buttons — the primary submit button (`label`,
 * disabled while `busy`, `testId`) with, when `onCancel` is given, a 取消 button before it (`cancelFirst`) or after,
 * then `children` (a form's own second button or its "saved" line). The buttons sit in an `.actions` row, or straight
 * in the form (`bare`) where a short form shows the one button under its fields.
 */
export function FormFoot(props: { id: string; error?: string | undefined; label: string; testId: string; busy: boolean; onCancel?: () => void; cancelFirst?: boolean; cancelTestId?: string; bare?: boolean; children?: ComponentChildren }) {
  const { t } = useT();
  const cancel = props.onCancel && (
    <button type="button" class="btn btn-secondary" onClick={props.onCancel} data-testid={props.cancelTestId}>
      {t('cancel')}
    </button>
  );
  const buttons = (
    <>
      {props.cancelFirst && cancel}
      <button type="submit" class="btn btn-primary" disabled={props.busy} data-testid={props.testId}>
        {props.label}
      </button>
      {!props.cancelFirst && cancel}
      {props.children}
    </>
  );
  return (
    <>
      <FormError id={props.id} error={props.error} />
      {props.bare ? buttons : <div class="actions">{buttons}</div>}
    </>
  );
}

/** A <select>'s fixed choices: one <option> per value, shown as `label(value)` (the value itself without one). */
export function Options<T extends string | number>({ values, label }: { values: readonly T[]; label?: (value: T) => string }) {
  return (
    <>
      {values.map((v) => (
        <option key={v} value={v}>
          {label ? label(v) : v}
        </option>
      ))}
    </>
  );
}

/**
 * A labelled <select> of fixed choices in a Field (`id` on the select, its error line under it): `values` shown as
 * `label(value)`; `onChange` gets the chosen value.
 */
export function SelectField<T extends string>(props: { id: string; label: string; error?: string | undefined; value: string; values: readonly T[]; optionLabel: (value: T) => string; onChange: (value: string) => void }) {
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <Options values={props.values} label={props.optionLabel} />
      </select>
    </Field>
  );
}
