// The operations this client sends. Codegen reads them from here and types each one: its result,
// its variables, the enums (Vendor, LeadGraphErrorCode) and scalars (Date, DateTime) it touches.
import { graphql } from '../__generated__';

export const SearchLeadsByPhone = graphql(`
  query SearchLeadsByPhone($phone: String!) {
    searchLeads(phone: $phone) {
      leads {
        id
        vendor
        fullName
        phone
      }
      outcomes {
        vendor
        status
        code
        message
      }
    }
  }
`);

export const LeadsPage = graphql(`
  query LeadsPage($vendor: Vendor!, $first: Int, $after: String) {
    leadsConnection(vendor: $vendor, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          fullName
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      totalCount
    }
  }
`);

export const VendorHealth = graphql(`
  query VendorHealth {
    vendors {
      vendor
      lastError {
        code
        message
        at
      }
    }
  }
`);

export const DistributionOfDay = graphql(`
  query DistributionOfDay($date: Date!) {
    distributionTotals(date: $date) {
      date
      fetchedAt
      stale
    }
  }
`);
