// LeanCore as its API pages describe it: `GET /lead?phone=` and
// `POST /assign-lead-to-financial-entity`, `Authorization: Bearer {token}`, Lead JSON bodies.
// The pages do not show error bodies; this simulator answers `{ "message": "…" }`.
import { LEANCORE_FINANCIAL_ENTITIES, LEANCORE_LEADS, type LeanCoreSeedLead } from './leancore-seed.js';
import { SimulatorServer, json, type Route, type SimRequest, type SimResponse } from './server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class LeanCoreSimulator extends SimulatorServer {
  readonly leads: LeanCoreSeedLead[] = structuredClone(LEANCORE_LEADS);
  readonly financialEntities = structuredClone(LEANCORE_FINANCIAL_ENTITIES);

  constructor(readonly token = 'leancore-simulator-token') {
    super();
  }

  /** LeanCore's documents show no error body; a PHP back end's `{"error": …}` is the plausible one. */
  errorIn200(message: string): SimResponse {
    return json(200, { error: message });
  }

  /** LeanCore under load: its busy code in an HTTP 200 (for `inject({ response })`). */
  busyIn200(): SimResponse {
    return json(200, { error: 'E_BUSY', message: 'Servidor ocupado, intente más tarde' });
  }

  protected routes(): Route[] {
    return [
      { method: 'GET', path: '/lead', handle: (r) => this.authorized(r, () => this.leadByPhone(r)) },
      {
        method: 'POST',
        path: '/assign-lead-to-financial-entity',
        handle: (r) => this.authorized(r, () => this.assign(r)),
      },
    ];
  }

  private authorized(request: SimRequest, next: () => SimResponse): SimResponse {
    return request.headers.authorization === `Bearer ${this.token}`
      ? next()
      : json(401, { message: 'Token inválido o ausente' });
  }

  private leadByPhone(request: SimRequest): SimResponse {
    const phone = request.query.get('phone');
    if (!phone) return json(400, { message: 'El parámetro phone es obligatorio' });
    if (!/^\d+$/.test(phone)) return json(400, { message: 'El número de celular solo admite dígitos' });
    const lead = this.leads.find((l) => l.phone === phone);
    return lead ? json(200, lead) : json(404, { message: 'Lead no encontrado' });
  }

  private assign(request: SimRequest): SimResponse {
    const body = (request.body ?? {}) as { lead_id?: unknown; financial_entity_id?: unknown };
    if (typeof body.lead_id !== 'string' || !UUID.test(body.lead_id)) {
      return json(400, { message: 'lead_id debe ser un UUID' });
    }
    if (typeof body.financial_entity_id !== 'string' || body.financial_entity_id === '') {
      return json(400, { message: 'financial_entity_id es obligatorio' });
    }
    const lead = this.leads.find((l) => l.id === body.lead_id);
    if (!lead) return json(404, { message: 'Lead no encontrado' });
    const entity = this.financialEntities.find((e) => e.id === body.financial_entity_id);
    if (!entity) return json(404, { message: 'Entidad financiera no encontrada' });
    if (entity.ecosystem !== lead.ecosystem) {
      return json(422, { message: 'La entidad financiera no pertenece al ecosistema del lead' });
    }
    lead.business_entity = entity.id;
    return json(200, lead);
  }
}
