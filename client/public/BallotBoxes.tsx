import { useEffect, useState } from 'preact/hooks';
import { TrainingBanner } from '../components/TrainingBanner.tsx';
import type { z } from 'zod';
import { publicBallotListSchema, publicBoxSchema } from '../../shared/responses/sealed.ts';
import { getRead } from './api.ts';
import { BoxLookup } from './BoxLookup.tsx';
import { useLocale } from './locale.tsx';

type BallotSummary = z.output<typeof publicBallotListSchema>['ballots'][number];
export type PublicBox = z.output<typeof publicBoxSchema>;

/**
 * 投票箱: each announced secret ballot of the year (GET /api/public/ballots) with its box — the trackers of every
 * counted envelope — and tally, and a lookup of the receipt code the tablet showed (DESIGN §5). The papers
 * themselves (for a recount) go to scrutineers and auditors only. Shows nothing when the year has none.
 */
export function BallotBoxes({ year }: { year: number }) {
  const { t } = useLocale();
  const [ballots, setBallots] = useState<BallotSummary[] | null>(null);
  useEffect(() => {
    setBallots(null);
    getRead(`/api/public/ballots?year=${year}`, publicBallotListSchema).then(
      (b) => setBallots(b.ballots),
      () => setBallots([]),
    );
  }, [year]);
  if (!ballots || ballots.length === 0) return null;
  return (
    <section class="boxes" data-testid="ballot-boxes" aria-labelledby="boxes-title">
      <h2 id="boxes-title">{t('box.heading', { year })}</h2>
      <p class="boxes-hint">{t('box.hint')}</p>
      {ballots.map((b) => (
        <BallotBox key={b.id} id={b.id} />
      ))}
    </section>
  );
}

function BallotBox({ id }: { id: string }) {
  const { t, locale } = useLocale();
  const [box, setBox] = useState<PublicBox | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    getRead(`/api/public/ballots/${encodeURIComponent(id)}/box`, publicBoxSchema).then(
      (b) => setBox(b),
      () => setFailed(true),
    );
  }, [id]);
  if (failed) return <p class="box-card">{t('box.failed')}</p>;
  if (!box) return <p class="box-card">{t('loading')}</p>;
  const { tally } = box;
  const names = new Map(box.candidates.map((c) => [c.id, c]));
  const announced = box.ballot.announcedAt ? new Date(box.ballot.announcedAt).toLocaleDateString(locale) : '';
  return (
    <article class="box-card" data-testid={`box-${id}`} data-ballot-id={id}>
      <TrainingBanner keyEscrow={box.meeting.keyEscrow} />
      <h3>{box.ballot.title}</h3>
      <p class="box-meta">
        {box.meeting.name} · {t('box.secret')} · {t('box.announced', { date: announced })}
      </p>
      <dl class="box-counts">
        <div>
          <dt>{t('box.inBox')}</dt>
          <dd data-testid="box-count">{box.box.length}</dd>
        </div>
        {tally && (
          <>
            <div>
              <dt>{t('box.valid')}</dt>
              <dd>{tally.papers.valid}</dd>
            </div>
            <div>
              <dt>{t('box.invalid')}</dt>
              <dd>{tally.papers.invalid}</dd>
            </div>
          </>
        )}
      </dl>
      <BoxLookup box={box.box} />
      {tally && (
        <div class="box-tally-wrap" tabIndex={0} role="region" aria-label={t('box.tally')}>
          <table class="box-tally" data-testid="box-tally">
            <caption>{t('box.tally')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('box.candidate')}</th>
                {box.ballot.options.map((o) => (
                  <th scope="col" key={o} class="num">
                    {t(`box.option.${o}` as 'box.option.for')}
                  </th>
                ))}
                {box.ballot.kind === 'selection' && <th scope="col">{t('box.result')}</th>}
              </tr>
            </thead>
            <tbody>
              {[...tally.candidates]
                .sort((a, b) => (names.get(a.id)?.seq ?? 0) - (names.get(b.id)?.seq ?? 0))
                .map((c) => (
                  <tr key={c.id} class={c.selected ? 'is-selected' : ''}>
                    <th scope="row">{names.get(c.id)?.name ?? c.id}</th>
                    {box.ballot.options.map((o) => (
                      <td key={o} class="num">
                        {c.counts[o as keyof typeof c.counts] ?? 0}
                      </td>
                    ))}
                    {box.ballot.kind === 'selection' && <td>{c.selected ? `✓ ${t('box.selected')}` : ''}</td>}
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
      <details class="box-trackers">
        <summary>{t('box.all', { n: box.box.length })}</summary>
        <ol data-testid="box-trackers">
          {box.box.map((tracker) => (
            <li key={tracker}>{tracker}</li>
          ))}
        </ol>
      </details>
    </article>
  );
}
