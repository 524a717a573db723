// The model owns the contract's types (src/model/), written by hand so that it imports no
// generated code; these checks hold them against the SDL's, as codegen reads it. They run in
// `npm run typecheck` (a type that drifts fails it) and once more here.
import { describe, expectTypeOf, it } from 'vitest';
import type * as Sdl from '../../../src/__generated__/resolvers-types.js';
import type { ErrorCode } from '../../../src/model/error-codes.js';
import type * as Model from '../../../src/model/models.js';

describe('the model’s types fit the SDL', () => {
  it('enums are the same values', () => {
    expectTypeOf<Model.Vendor>().toEqualTypeOf<Sdl.Vendor>();
    expectTypeOf<Model.VendorMode>().toEqualTypeOf<Sdl.VendorMode>();
    expectTypeOf<Model.VendorOutcomeStatus>().toEqualTypeOf<Sdl.VendorOutcomeStatus>();
    expectTypeOf<Model.LeadChangeSource>().toEqualTypeOf<Sdl.LeadChangeSource>();
    expectTypeOf<Model.LeadChangeKind>().toEqualTypeOf<Sdl.LeadChangeKind>();
    expectTypeOf<ErrorCode>().toEqualTypeOf<Sdl.LeadGraphErrorCode>();
  });

  it('every model type can be answered where the SDL type is expected', () => {
    expectTypeOf<Model.LeadAddress>().toExtend<Sdl.LeadAddress>();
    expectTypeOf<Model.LeadOwner>().toExtend<Sdl.LeadOwner>();
    expectTypeOf<Model.LeadCustomField>().toExtend<Sdl.LeadCustomField>();
    expectTypeOf<Model.LeadRemark>().toExtend<Sdl.LeadRemark>();
    expectTypeOf<Model.VendorOutcome>().toExtend<Sdl.VendorOutcome>();
    expectTypeOf<Model.VendorCapabilities>().toExtend<Sdl.VendorCapabilities>();
    expectTypeOf<Model.VendorRateLimit>().toExtend<Sdl.VendorRateLimit>();
    expectTypeOf<Model.UserDistribution>().toExtend<Sdl.UserDistribution>();
    expectTypeOf<Model.DistributionErrors>().toExtend<Sdl.DistributionErrors>();
    expectTypeOf<Model.CrmComLeadDetails>().toExtend<Sdl.CrmComLeadDetails>();
  });

  it('no SDL field is missing from the model', () => {
    type Fields<T> = Exclude<keyof T, '__typename'>;
    expectTypeOf<Fields<Model.LeadAddress>>().toEqualTypeOf<Fields<Sdl.LeadAddress>>();
    expectTypeOf<Fields<Model.LeadOwner>>().toEqualTypeOf<Fields<Sdl.LeadOwner>>();
    expectTypeOf<Fields<Model.LeadCustomField>>().toEqualTypeOf<Fields<Sdl.LeadCustomField>>();
    expectTypeOf<Fields<Model.LeadRemark>>().toEqualTypeOf<Fields<Sdl.LeadRemark>>();
    expectTypeOf<Fields<Model.VendorOutcome>>().toEqualTypeOf<Fields<Sdl.VendorOutcome>>();
    expectTypeOf<Fields<Model.VendorCapabilities>>().toEqualTypeOf<Fields<Sdl.VendorCapabilities>>();
    expectTypeOf<Fields<Model.VendorRateLimit>>().toEqualTypeOf<Fields<Sdl.VendorRateLimit>>();
    expectTypeOf<Fields<Model.UserDistribution>>().toEqualTypeOf<Fields<Sdl.UserDistribution>>();
    expectTypeOf<Fields<Model.DistributionErrors>>().toEqualTypeOf<Fields<Sdl.DistributionErrors>>();
    expectTypeOf<Fields<Model.DistributionCount>>().toEqualTypeOf<Fields<Sdl.DistributionCount>>();
    expectTypeOf<Fields<Model.CrmComLeadDetails>>().toEqualTypeOf<Fields<Sdl.CrmComLeadDetails>>();
    expectTypeOf<Fields<Model.CrmComReference>>().toEqualTypeOf<Fields<Sdl.CrmComReference>>();
    expectTypeOf<Fields<Model.CrmComUser>>().toEqualTypeOf<Fields<Sdl.CrmComUser>>();
    expectTypeOf<Fields<Model.CrmComLeadSource>>().toEqualTypeOf<Fields<Sdl.CrmComLeadSource>>();
    expectTypeOf<Fields<Model.CrmComProductLine>>().toEqualTypeOf<Fields<Sdl.CrmComProductLine>>();
  });
});
