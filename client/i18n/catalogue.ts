import { consoleEn } from './en/console.ts';
import { projectorEn } from './en/projector.ts';
import { publicEn } from './en/public.ts';
import { serverEn } from './en/server.ts';
import { tabletEn } from './en/tablet.ts';
import { consoleZh } from './zh/console.ts';
import { projectorZh } from './zh/projector.ts';
import { publicZh } from './zh/public.ts';
import { serverZh } from './zh/server.ts';
import { tabletZh } from './zh/tablet.ts';

// The one message catalogue of the four screens: one per locale, zh-CN first (the hall's language, and the keys
// every other locale must have), English second. Split into sections by screen (files under zh/ and en/) and one
// for the server's refusals by stable code; one lookup, `translate`. No library: a flat map of key → text with
// {name} placeholders is all the screens need.

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const zh = {
  /** The tablet, and the components every screen shares (client/components/). */
  tablet: tabletZh,
  /** The secretariat console, with its 民生实事项目 screens. */
  console: consoleZh,
  projector: projectorZh,
  public: publicZh,
  /** The server's error codes and field issue codes (shared/errors.ts, shared/issues.ts). */
  server: serverZh,
} as const;

export type Section = keyof typeof zh;
/** The keys of one section, e.g. SectionKey<'console'> = 'loading' | 'logout' | …. */
export type SectionKey<S extends Section> = keyof (typeof zh)[S] & string;
/** Every key of the catalogue, as `section.key`. */
export type MessageKey = { [S in Section]: `${S}.${SectionKey<S>}` }[Section];
/** A locale's catalogue: exactly zh-CN's sections and keys (a missing or extra key is a compile error). */
export type Catalogue = { [S in Section]: Record<SectionKey<S>, string> };

const en: Catalogue = { tablet: tabletEn, console: consoleEn, projector: projectorEn, public: publicEn, server: serverEn };

export const CATALOGUES: Record<Locale, Catalogue> = { 'zh-CN': zh, en };

export type Params = Record<string, string | number>;

/**
 * One ICU-style plural choice, `{n, plural, one {# deputy} other {# deputies}}`: cases `=N` (exact) and the CLDR
 * categories (zero, one, two, few, many, other); `#` is the number; a case may hold {name} placeholders.
 */
const PLURAL = /\{(\w+),\s*plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{(?:[^{}]|\{\w+\})*\})+)\s*\}/g;
const PLURAL_CASE = /(=\d+|zero|one|two|few|many|other)\s*\{((?:[^{}]|\{\w+\})*)\}/g;
const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * The plural case of `n` in `locale` (Intl.PluralRules, CLDR): 'en' 1 → 'one', 2 → 'other'; 'zh-CN' always
 * 'other' (Chinese does not inflect). Never throws.
 */
export function pluralCategory(locale: Locale, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(n);
}

/**
 * Fills {name} placeholders from `params`, and plural choices (`{n, plural, one {…} other {…}}`, chosen by the
 * rules of `locale`, English by default); a placeholder without a value stays as written.
 */
export function fill(text: string, params?: Params, locale: Locale = 'en'): string {
  if (!params) return text;
  const plural = text.replace(PLURAL, (whole, name: string, cases: string) => {
    if (!(name in params)) return whole;
    const n = Number(params[name]);
    const byCase = new Map([...cases.matchAll(PLURAL_CASE)].map((m) => [m[1]!, m[2]!]));
    const chosen = byCase.get(`=${n}`) ?? byCase.get(pluralCategory(locale, n)) ?? byCase.get('other') ?? whole;
    return chosen.replace(/#/g, String(params[name]));
  });
  return plural.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The text for `key` ('section.key') in `locale`, with {name} placeholders filled from `params`. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const dot = key.indexOf('.');
  const section = CATALOGUES[locale][key.slice(0, dot) as Section] as Record<string, string>;
  return fill(section[key.slice(dot + 1)] ?? key, params, locale);
}

/** A `t` for one screen's section: `scoped('en', 'console')('loading')` is translate('en', 'console.loading'). */
export function scoped<S extends Section>(locale: Locale, section: S): (key: SectionKey<S>, params?: Params) => string {
  return (key, params) => translate(locale, `${section}.${key}` as MessageKey, params);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
