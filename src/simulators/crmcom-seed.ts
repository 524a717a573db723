// CRM.COM sample data in CRM.COM R5's own lead shape (`leads/show`, Examples 1 and 2 of the
// CRM.COM page are the model; leads 19 and 116 are those examples). Valentina Ríos is a lead in
// several CRMs: CRM.COM writes her phone and email its own way ("(+57) 313-6434030",
// "VALENTINA.RIOS@EXAMPLE.CO"); LeanCore has 573136434030 / Valentina.Rios@Example.co.

/** A CRM.COM lead as `leads/show` returns it in `data` (every top-level field present). */
export type CrmComSeedLead = Record<string, unknown> & { id: string; number: string };

const ADMIN_UNIT = {
  alternative_code: 'adminunit',
  group_name: 'Main Group',
  community_name: 'Community',
  name: 'Admin Unit',
  description: 'admin unit',
  id: '1',
};
const MAIN_GROUP = {
  alternative_code: 'MG',
  community_name: 'Community',
  name: 'Main Group',
  description: 'Main Group',
  id: '1',
};
const ADMINISTRATOR = { person_name: 'CRM COM', id: '1', email: null, username: 'MPAdministrator' };
const ELENI_USER = {
  person_name: 'Eleni 3 Michailidou',
  id: '9A2CF58F91D94B8B981C33275BA20880',
  email: 'e_michailidou@crm.com',
  username: 'emichailidou',
};
const SUBSCRIPTION_PACKAGES = {
  service_type: 'TERMED',
  physical_good_type: null,
  used_for_provisioning: true,
  classification: 'SERVICES',
  composition_method: 'FLAT',
  id: 'BC954969D3172372D498D3BB2BA590A0',
  name: 'Subscription Packages',
  description: 'Subscription main packages',
  alternative_code: 'SP',
};
const INTEREST_STATUS = {
  alternative_code: 'INT',
  name: 'Interest',
  description: null,
  id: 'C5C0EEDEC510465F963E1772E56A5B9C',
  life_cycle_state: 'IN_PROGRESS',
};

function demographics(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name_day: { month: null, day: null },
    id_number: null,
    gender: null,
    country_of_residence: null,
    date_of_birth: { month: null, year: null, day: null },
    industry_sector: null,
    passport_number: null,
    industry: null,
    social_security_number: null,
    id_issued_by_country: null,
    passport_issued_by_country: null,
    ...overrides,
  };
}

function contact(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    company_profile: null,
    company_name: null,
    name: null,
    last_name: null,
    id: null,
    life_cycle_state: 'FINANCIAL',
    middle_name: null,
    title: null,
    type: 'PERSON',
    first_name: null,
    demographics: demographics(),
    ...overrides,
  };
}

const UDF_FIELDS = {
  udf_string_1: null,
  udf_string_2: null,
  udf_string_3: null,
  udf_string_4: null,
  udf_string_5: null,
  udf_string_6: null,
  udf_string_7: null,
  udf_string_8: null,
  udf_float_1: null,
  udf_float_2: null,
  udf_float_3: null,
  udf_float_4: null,
  udf_date_1: null,
  udf_date_2: null,
  udf_date_3: null,
  udf_date_4: null,
};

/** Every top-level field of a CRM.COM lead, empty; each seed lead fills in its own. */
function lead(fields: CrmComSeedLead): CrmComSeedLead {
  return {
    target_amount: null,
    contact_phone: null,
    contact_email: null,
    log_information: null,
    importance: null,
    subscription_package: null,
    lead_source: null,
    owned_by_group: MAIN_GROUP,
    description: null,
    contact_information: null,
    accounts_receivable: null,
    type: null,
    products_set: [],
    services_set: [],
    physical_goods_set: [],
    estimated_completion_time: { time_period_uot: null, time_period_value: null },
    probability_to_win: null,
    start_date: null,
    assigned_to: { unit: null, user: null },
    actual_completion_date: null,
    privacy_level: null,
    users_set: [],
    life_cycle_state: 'NEW',
    priority: null,
    time_to_completion: { time_period_uot: null, time_period_value: null },
    lost_reason: null,
    competitors_set: [],
    time_overdue: { time_period_uot: null, time_period_value: null },
    category: null,
    expected_completion_date: null,
    status: null,
    ...UDF_FIELDS,
    ...fields,
  };
}

function log(created: string, updated: string, user: Record<string, unknown> = ADMINISTRATOR): Record<string, unknown> {
  return {
    created_by_unit: ADMIN_UNIT,
    updated_by_unit: ADMIN_UNIT,
    created_date: created,
    updated_date: updated,
    updated_by_user: user,
    created_by_user: user,
  };
}

const MARIOS = contact({
  last_name: 'Lannister',
  id: 'F60EF6A65658F86B3DFADA3809BD85C4',
  title: 'Mr',
  first_name: 'Marios',
  demographics: demographics({
    gender: 'MALE',
    name_day: { month: 5, day: 1 },
    date_of_birth: { month: 5, day: 1, year: 1963 },
    id_number: '593664',
  }),
});

const CYPRUS = {
  alternative_code: 'CYP',
  three_character_code: 'CYP',
  name: 'CYPRUS',
  id: '181',
  two_character_code: 'CY',
};
const COLOMBIA = {
  alternative_code: 'COL',
  three_character_code: 'COL',
  name: 'COLOMBIA',
  id: '48',
  two_character_code: 'CO',
};
const ELENI = contact({
  last_name: 'Test Leads',
  id: '7165977015D54B93B5FC9B3833C5A1FF',
  first_name: 'Eleni',
  demographics: demographics({ country_of_residence: CYPRUS }),
});

export const CRMCOM_LEADS: CrmComSeedLead[] = [
  // Example 1 of the CRM.COM page.
  lead({
    id: '7E4D45DD4000EB8B71CC5656A6C93C03',
    number: '19',
    services_set: [
      { product_type: SUBSCRIPTION_PACKAGES, id: '818ACD56DD994089AF923191485CBC63', product: null },
      {
        product_type: null,
        id: 'CDEA1D2998BD4998B36ACF034CCD9B94',
        product: {
          product_type: SUBSCRIPTION_PACKAGES,
          id: '3FACF409E7E091F96C52318BAD1AEF1C',
          description: 'Local + Documentaries + Sport',
          code: 'Local + Documentaries + Sport',
          alternative_code: 'LDS',
        },
      },
    ],
    assigned_to: {
      unit: null,
      user: { person_name: 'Smanager', username: 'Smanager', id: 'DCA93D75753E5CC5AD1E69556368E616', email: null },
    },
    contact_information: MARIOS,
    physical_goods_set: [
      {
        product_type: {
          service_type: null,
          physical_good_type: 'TRACEABLE',
          used_for_provisioning: true,
          classification: 'PHYSICALGOODS',
          composition_method: 'FLAT',
          id: '249F5EA21B317E4B7BB6F696E7496F03',
          name: 'Modem',
          description: 'Modem',
          alternative_code: 'MODEM',
        },
        id: 'FB717C0DE5A94BD692951CAC7AFC78FE',
        product: null,
      },
    ],
    accounts_receivable: {
      account_owner: MARIOS,
      life_cycle_state: 'ACTIVE',
      number: '4',
      id: '5C7045E4DCE86FE0670CEE3A32437227',
      name: 'mar',
    },
    priority: 2,
    expected_completion_date: '2015-05-13T09:52:09',
    users_set: [
      {
        user: {
          person_name: 'x_poulli',
          username: 'x_poulli',
          id: 'D0B5657F42ED3331694BAE21DF971807',
          email: 's@s.s2',
        },
        id: '0D2ABD57DA7F9AFA9A293F8841DE4E25',
      },
    ],
    time_to_completion: { time_period_value: 2, time_period_uot: 'MONTHS' },
    log_information: log('2015-02-13T09:52:09', '2015-03-12T11:24:38'),
    life_cycle_state: 'IN_PROGRESS',
    type: {
      id: 'F60FFE7AAD3F5B9B6E66A42266FA37C4',
      name: 'Software Purchase',
      description: null,
      alternative_code: 'SP',
    },
    contact_email: 'photos.panayi@crm.com',
    estimated_completion_time: { time_period_value: 3, time_period_uot: 'MONTHS' },
    lead_source: {
      recommended_by_employee: {
        person_name: 'Marios Lannister',
        username: 'mpadministrator',
        id: '1',
        email: 'mp@ministrator.com',
      },
      type: 'RECOMMENDEDBYEMPLOYEE',
    },
    start_date: '2015-02-13T09:52:09',
    owned_by_group: {
      id: '84F33366CB592BAAE7E2044D93611C6A',
      name: 'Main Group',
      description: 'Main Group',
      alternative_code: 'das',
    },
    status: { id: 'B738753EE56D01FC6CD964D14FBBCC7A', name: 'Interest', description: null, alternative_code: 'I' },
    importance: 'IMPORTANCE1',
    category: { id: 'C60F332D0B4CB8DD22A0159413951434', name: 'Software Purchase', description: null, code: 'SP' },
  }),
  // Example 2 of the CRM.COM page.
  lead({
    id: '68B216C3A0E14173B48ED3FF4EB11182',
    number: '116',
    log_information: log('2018-01-16T08:39:43', '2018-01-16T23:28:59', ELENI_USER),
    importance: 'IMPORTANCE1',
    subscription_package: {
      subscription_package: {
        alternative_code: 'Pania Package',
        name: 'Pania Package',
        description: null,
        id: '0B949625E4484651BC3D4F8B85A7FA4E',
        classification: 'PACKAGE',
      },
    },
    lead_source: { type: 'RECOMMENDEDBYCONTACT' },
    contact_information: ELENI,
    type: {
      alternative_code: 'TPMC',
      name: '3-Play Mall Campaign',
      description: null,
      id: '2783ED2B25B242A78D450A10818FD54F',
    },
    products_set: [
      {
        product_family: { code: 'CH', name: 'Channels', description: null, id: '5432773B865246E3B10A47CD130183C7' },
        product: null,
        product_type: null,
        id: '91F6B5459FC642CFB44BE46A0F22E523',
        product_brand: null,
      },
      {
        product_family: null,
        product: null,
        product_type: null,
        id: 'F7D86F21653E417FB6C4D1AE665A0C41',
        product_brand: {
          alternative_code: 'CS',
          name: 'Corso Shoes',
          description: null,
          id: '5A917782ACA648B3BEAF417D1E64C43F',
        },
      },
    ],
    estimated_completion_time: { time_period_uot: 'WEEKS', time_period_value: 2 },
    start_date: '2018-01-16T08:39:43',
    assigned_to: { unit: ADMIN_UNIT, user: ELENI_USER },
    accounts_receivable: {
      number: 'ACR0000001957',
      name: 'ACR0000001957 Eleni Test Leads',
      id: '3FDD108E7CC74B0EB11ACC473A05E19F',
      life_cycle_state: 'ACTIVE',
      account_owner: ELENI,
    },
    life_cycle_state: 'IN_PROGRESS',
    priority: 1,
    time_to_completion: { time_period_uot: 'WEEKS', time_period_value: 1.1428571428571428 },
    competitors_set: [
      {
        competitor: { website: null, name: 'MagnaQuest', description: null, id: '640A12797E964BFC99F8AF0EA538EEEA' },
        id: '270455D963CA4059B93AEE4028D30A8E',
      },
      {
        competitor: { website: 'Zuora.com', name: 'Zuora', description: null, id: '0CC8A3BDCA7B41B78058D0A178390B06' },
        id: '9CC1CA44F25B4A7C962E032B58905DED',
      },
    ],
    category: { code: 'TA', name: 'TV Advert', description: null, id: '614B3A5B38A942E6A74052C4F4606573' },
    expected_completion_date: '2018-01-30T08:39:43',
    status: INTEREST_STATUS,
  }),
  // The person shared across CRMs.
  lead({
    id: '4C1B2A9E8F7D4E6A9B0C1D2E3F405162',
    number: '2041',
    contact_phone: '(+57) 313-6434030',
    contact_email: 'VALENTINA.RIOS@EXAMPLE.CO',
    contact_information: contact({
      id: 'A8C0D1E2F3A44B5C8D9E0F1A2B3C4D5E',
      first_name: 'Valentina',
      last_name: 'Ríos Gómez',
      title: 'Ms',
      company_name: 'Panadería La Espiga',
      demographics: demographics({ gender: 'FEMALE', country_of_residence: COLOMBIA }),
    }),
    log_information: log('2026-10-02T14:05:00', '2026-11-20T09:30:12', ELENI_USER),
    importance: 'IMPORTANCE2',
    lead_source: { type: 'WEBSITE' },
    type: {
      alternative_code: 'BFC',
      name: 'Business Financing',
      description: null,
      id: '9E1D2C3B4A5F46E7A8B9C0D1E2F3A4B5',
    },
    products_set: [
      {
        product_family: { code: 'CR', name: 'Credit Lines', description: null, id: '1F2E3D4C5B6A47988776655443322110' },
        product: null,
        product_type: null,
        id: '0A1B2C3D4E5F46A7B8C9D0E1F2A3B4C5',
        product_brand: null,
      },
    ],
    start_date: '2026-10-02T14:05:00',
    assigned_to: { unit: ADMIN_UNIT, user: ELENI_USER },
    life_cycle_state: 'IN_PROGRESS',
    priority: 1,
    probability_to_win: 65,
    target_amount: 5000000,
    competitors_set: [
      {
        competitor: { website: 'Zuora.com', name: 'Zuora', description: null, id: '0CC8A3BDCA7B41B78058D0A178390B06' },
        id: '5D6E7F8091A24B3C4D5E6F708192A3B4',
      },
    ],
    category: { code: 'TA', name: 'TV Advert', description: null, id: '614B3A5B38A942E6A74052C4F4606573' },
    expected_completion_date: '2026-12-15T17:00:00',
    status: INTEREST_STATUS,
    udf_string_1: 'whatsapp',
    udf_string_2: 'black-friday-2026',
    udf_float_1: 712.5,
    udf_date_1: '2026-10-02T00:00:00',
  }),
  lead({
    id: 'B2C3D4E5F6A748B9C0D1E2F3A4B5C6D7',
    number: '2042',
    contact_phone: '+52 55 1234 5678',
    contact_email: 'lucia@cafelucia.mx',
    contact_information: contact({
      id: 'C3D4E5F6A7B849C0D1E2F3A4B5C6D7E8',
      type: 'COMPANY',
      name: 'Café Lucía',
      company_name: 'Café Lucía',
      life_cycle_state: 'NON_FINANCIAL',
    }),
    log_information: log('2026-11-01T10:00:00', '2026-11-01T10:00:00'),
    importance: 'IMPORTANCE3',
    lead_source: { type: 'WEBSITE' },
    life_cycle_state: 'NEW',
    priority: 3,
    status: { alternative_code: 'NEW', name: 'New', description: null, id: '0F1E2D3C4B5A49687766554433221100' },
  }),
  lead({
    id: 'E7F8091A2B3C4D5E6F708192A3B4C5D6',
    number: '2043',
    contact_phone: '300 765 4321',
    contact_email: 'ops@torreslogistica.co',
    contact_information: contact({
      id: 'F8091A2B3C4D4E5F708192A3B4C5D6E7',
      first_name: 'Andrés Felipe',
      last_name: 'Torres',
      company_name: 'Torres Logística SAS',
    }),
    log_information: log('2026-09-12T08:00:00', '2026-10-30T16:45:00'),
    lead_source: { type: 'RECOMMENDEDBYCONTACT' },
    life_cycle_state: 'WON',
    actual_completion_date: '2026-10-30T16:45:00',
    status: { alternative_code: 'WON', name: 'Won', description: null, id: '11223344556677889900AABBCCDDEEFF' },
  }),
];
