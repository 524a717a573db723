// The searchLeads operation the cross-vendor tests run, and the shape of its answer.
export interface Outcome {
  vendor: string;
  status: string;
  leadCount: number;
  code: string | null;
  message: string | null;
}

export interface SearchData {
  searchLeads: { leads: { id: string; vendor: string }[]; outcomes: Outcome[] };
}

export const SEARCH = `query ($phone: String, $email: String, $vendors: [Vendor!]) {
  searchLeads(phone: $phone, email: $email, vendors: $vendors) {
    leads { id vendor }
    outcomes { vendor status leadCount code message }
  }
}`;
