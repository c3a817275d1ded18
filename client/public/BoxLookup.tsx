import { useState } from 'preact/hooks';
import { shortTracker } from '../../shared/seal.ts';
import { findInBox, trackerInputProblem } from './boxLookup.ts';
import { useLocale } from './locale.tsx';

/** 我的回执码在票箱中吗: the receipt code from the tablet (its first 12 hex digits) looked up in this box. */
export function BoxLookup({ box }: { box: readonly string[] }) {
  const { t } = useLocale();
  const [typed, setTyped] = useState('');
  const [answer, setAnswer] = useState<{ kind: 'found' | 'missing' | 'problem'; text: string } | null>(null);
  const check = (e: Event) => {
    e.preventDefault();
    const problem = trackerInputProblem(typed);
    if (problem) {
      setAnswer({ kind: 'problem', text: t(`box.lookup.${problem}`) });
      return;
    }
    const found = findInBox(box, typed);
    setAnswer(
      found.length > 0
        ? { kind: 'found', text: t('box.lookup.found', { code: shortTracker(found[0]!) }) }
        : { kind: 'missing', text: t('box.lookup.missing') },
    );
  };
  return (
    <form class="box-lookup" onSubmit={check} noValidate data-testid="box-lookup">
      <label for={`lookup-${box.length}-${box[0] ?? ''}`}>{t('box.lookup.label')}</label>
      <div class="box-lookup-row">
        <input
          id={`lookup-${box.length}-${box[0] ?? ''}`}
          value={typed}
          inputMode="text"
          autocomplete="off"
          spellcheck={false}
          placeholder="1a2b 3c4d 5e6f"
          onInput={(e) => {
            setTyped(e.currentTarget.value);
            setAnswer(null);
          }}
          data-testid="box-lookup-input"
        />
        <button type="submit" data-testid="box-lookup-submit">
          {t('box.lookup.submit')}
        </button>
      </div>
      {answer && (
        <p class={`box-answer box-answer-${answer.kind}`} role="status" data-testid="box-lookup-answer" data-answer={answer.kind}>
          {answer.kind === 'found' ? '✓ ' : answer.kind === 'missing' ? '✗ ' : ''}
          {answer.text}
        </p>
      )}
    </form>
  );
}
