// The normalised models resolvers work with. Each vendor's datasource maps its own JSON
// to these (next to the datasource); codegen maps the GraphQL types to them.
import type {
  CrmComLeadDetails,
  DistributionErrors,
  LeadAddress,
  LeadCustomField,
  LeadOwner,
  UserDistribution,
  Vendor,
  VendorCapabilities,
  VendorMode,
  VendorOutcome,
} from '../__generated__/resolvers-types.js';

export type { Vendor };

export interface LeadModel {
  /** Global id, `<vendor prefix>:<vendor key>`. */
  id: string;
  vendor: Vendor;
  remoteId: string;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  companyName: string | null;
  email: string | null;
  phone: string | null;
  status: string | null;
  score: number | null;
  address: LeadAddress | null;
  owner: LeadOwner | null;
  financialEntity: FinancialEntityModel | null;
  customFields: LeadCustomField[];
  remoteData: unknown;
  /** CRM.COM leads only: what the unified fields cannot hold. */
  crmcom?: CrmComLeadDetails | null;
}

export interface FinancialEntityModel {
  id: string;
  ecosystem: string | null;
}

export interface LeadSearchModel {
  leads: LeadModel[];
  outcomes: VendorOutcome[];
}

export interface VendorInfoModel {
  vendor: Vendor;
  enabled: boolean;
  mode: VendorMode | null;
  capabilities: VendorCapabilities;
}

export interface DistributionTotalsModel {
  date: string;
  users: UserDistribution[];
  errors: DistributionErrors;
  fetchedAt: Date;
  stale: boolean;
  nextRefreshAt: Date | null;
}
