// Zen's distribution totals (Portuguese field names, counts sent as strings), checked with zod
// and mapped to our English model; and where the date goes in the Integration URL.
import { z } from 'zod';
import type { DistributionCount, DistributionErrors, UserDistribution } from '../../model/models.js';

/**
 * Zen's URL comes whole from its Integration screen (ZEN_URL). The date goes where ZEN_URL
 * says `{date}`; a URL without the placeholder gets the date appended as its last path segment
 * (before any query string). Every Zen path we know of is built here.
 */
export const ZEN_PATHS = {
  datePlaceholder: '{date}',
} as const;

/** The scheme, host and port of ZEN_URL: the shared HTTP client's base URL. */
export function zenOrigin(zenUrl: string): string {
  const afterScheme = zenUrl.indexOf('://') + 3;
  const pathStart = zenUrl.slice(afterScheme).search(/[/?]/);
  return pathStart === -1 ? zenUrl : zenUrl.slice(0, afterScheme + pathStart);
}

/** ZEN_URL split into what the shared HTTP client wants: an origin and a path for one date. */
export function zenRequestTarget(zenUrl: string, date: string): { baseUrl: string; path: string } {
  const baseUrl = zenOrigin(zenUrl);
  let template = zenUrl.slice(baseUrl.length);
  if (!template.includes(ZEN_PATHS.datePlaceholder)) {
    const [path = '', query] = template.split(/\?(.*)/s);
    template = `${path.replace(/\/+$/, '')}/${ZEN_PATHS.datePlaceholder}${query === undefined ? '' : `?${query}`}`;
  }
  return { baseUrl, path: template.split(ZEN_PATHS.datePlaceholder).join(encodeURIComponent(date)) };
}

const MAX_INT = 2_147_483_647; // GraphQL Int

/**
 * A count as Zen sends it: a string of digits (or, tolerated, a JSON integer). Anything else
 * ("12 leads", "", "1.5", "-3") is refused rather than guessed at.
 */
const count = z
  .union([z.string().regex(/^\s*\d+\s*$/, 'must be a whole number'), z.number().int().min(0)])
  .transform((value) => Number(value))
  .pipe(z.number().max(MAX_INT));

/** A list that Zen may send empty, null or not at all. */
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((items) => items ?? []);

const label = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v == null || v === '' ? null : String(v)));

const countItem = z
  .looseObject({ codigo: label, nome: label, quantidade: count })
  .transform((c): DistributionCount => ({ code: c.codigo, name: c.nome, count: c.quantidade }));

const user = z
  .looseObject({
    nome: z.string(),
    total_lead: count,
    origem: list(countItem),
    segmento: list(countItem),
    automacao: list(countItem),
    produtos_e_servicos: list(countItem),
  })
  .transform((u): UserDistribution => ({
    name: u.nome,
    totalLeads: u.total_lead,
    origins: u.origem,
    segments: u.segmento,
    automations: u.automacao,
    productsAndServices: u.produtos_e_servicos,
  }));

const optionalCount = count.nullish().transform((v) => v ?? 0);

const errors = z
  .looseObject({
    com_erro: optionalCount,
    sem_agrupamento: optionalCount,
    limite_de_contatos: optionalCount,
    duplicados: optionalCount,
  })
  .transform((e): DistributionErrors => ({
    withError: e.com_erro,
    ungrouped: e.sem_agrupamento,
    contactLimitExceeded: e.limite_de_contatos,
    duplicates: e.duplicados,
  }));

const NO_ERRORS: DistributionErrors = { withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 };

/**
 * What Zen answers for one day. `usuarios` must be there (an answer without it is not totals:
 * an empty day is `[]` or `null`); `erros` may be empty: `{}`, `[]` (PHP's empty object), null
 * or absent.
 */
export const zenTotalsSchema = z.looseObject({
  data: z.string().nullish(),
  usuarios: z
    .array(user)
    .nullable()
    .transform((users) => users ?? []),
  erros: z
    .union([errors, z.array(z.never()).length(0)])
    .nullish()
    .transform((e) => (e == null || Array.isArray(e) ? NO_ERRORS : e)),
});
export type ZenTotals = z.infer<typeof zenTotalsSchema>;

/**
 * The message of an answer shaped like Zen's documented error (`{"error": "…"}`), whatever its
 * HTTP status; undefined for any other answer. An `error` that is not text still marks an error.
 */
export function zenErrorMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const error = (body as Record<string, unknown>)['error'];
  if (error === undefined || error === null || error === false || error === '') return undefined;
  if (typeof error === 'string') return error;
  const message = typeof error === 'object' ? (error as Record<string, unknown>)['message'] : undefined;
  return typeof message === 'string' ? message : JSON.stringify(error);
}

export interface ZenTotalsSnapshot {
  date: string;
  users: UserDistribution[];
  errors: DistributionErrors;
}

/** Our model of one day's totals; the date is the one we asked for. */
export function mapZenTotals(totals: ZenTotals, date: string): ZenTotalsSnapshot {
  return { date, users: totals.usuarios, errors: totals.erros };
}
