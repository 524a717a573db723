import { describe, expect, it } from 'vitest';
import { besChannelsError, isBesChannelsTokenRejected } from '../../../../src/datasources/beschannels/api.js';
import {
  addedRemarkIdSchema,
  envelopeSchema,
  flatLeadSchema,
  leadListSchema,
  leadSchema,
  mapBesChannelsFlatLead,
  mapBesChannelsLead,
  parseBesChannelsTime,
  remarkSchema,
  toBesChannelsPhone,
} from '../../../../src/datasources/beschannels/mapping.js';

const field = (overrides: Record<string, unknown>) => ({
  display_name: '',
  field_name: '',
  field_type: 'Text',
  options: [],
  is_option: 1,
  num_range: null,
  is_required: 1,
  value: '',
  display_value: '',
  display_type: 1,
  is_edit: 1,
  ...overrides,
});

// Shaped like the leads-details page's example, with a custom-field group added.
const details = {
  leads_id: '5878',
  list: [
    field({
      display_name: '系统字段',
      field_name: 'SystemField',
      field_type: '',
      child: [
        field({ display_name: '姓名', field_name: 'FullName', value: '宋3', display_value: '宋3' }),
        field({
          display_name: '手机号',
          field_name: 'MobilePhone',
          field_type: 'PhoneNumber',
          value: '18610813532',
          display_value: '18610813532',
        }),
        field({
          display_name: '邮箱',
          field_name: 'Email',
          field_type: 'Email',
          value: 'Song22@QQ.com',
          display_value: 'Song22@QQ.com',
        }),
        field({ display_name: '公司', field_name: 'Company', field_type: 'Company', value: '' }),
        field({
          display_name: '地区',
          field_name: 'Address',
          field_type: 'Address',
          value: { province: '10161', city: '100053', area: '', value: '北京 房山 ' },
          display_value: '北京 房山 ',
          display_values: '|10161|100053|||',
          display_type: 4,
        }),
        field({ display_name: '地址', field_name: 'Street', value: '长阳镇 12 号', display_value: '长阳镇 12 号' }),
        field({
          display_name: '归属人',
          field_name: 'LeadOwner',
          field_type: 'Select',
          options: [
            { label: '王明', value: '1024' },
            { label: '李娜', value: '1025' },
          ],
          value: '1025',
          display_value: '',
        }),
      ],
    }),
    field({
      display_name: '自定义字段',
      field_name: 'CustomField',
      field_type: '',
      child: [
        field({
          display_name: '意向产品',
          field_name: 'Products',
          field_type: 'Select',
          options: [
            { label: '年度套餐', value: '7' },
            { label: '数据服务', value: '8' },
          ],
          value: '7,8',
          display_value: '7,8',
        }),
        field({
          display_name: '预算(元)',
          field_name: 'Budget',
          field_type: 'Number',
          value: 200000,
          display_value: '',
        }),
        field({ display_name: '备用地址', field_name: 'OtherAddress', field_type: 'Address', value: null }),
      ],
    }),
    field({ display_name: '空分组', field_name: 'EmptyGroup', field_type: '', child: [] }),
  ],
};

describe('mapBesChannelsLead', () => {
  it('maps the field list, the address object and the owner select to a Lead', () => {
    const lead = mapBesChannelsLead(leadSchema.parse(details), details);
    expect(lead).toEqual({
      id: 'beschannels:5878',
      vendor: 'BESCHANNELS',
      remoteId: '5878',
      firstName: null,
      lastName: null,
      fullName: '宋3',
      companyName: null,
      email: 'song22@qq.com',
      phone: '+8618610813532', // no country code at BesChannels: a Chinese mobile number
      status: null,
      score: null,
      address: {
        formatted: '北京 房山, 长阳镇 12 号',
        street: '长阳镇 12 号',
        region: '北京',
        city: '房山',
        country: null,
      },
      owner: { id: '1025', name: '李娜', email: null },
      financialEntity: null,
      customFields: [
        { name: 'Products', label: '意向产品', type: 'Select', value: '年度套餐, 数据服务', rawValue: '7,8' },
        { name: 'Budget', label: '预算(元)', type: 'Number', value: '200000', rawValue: 200000 },
        { name: 'OtherAddress', label: '备用地址', type: 'Address', value: null, rawValue: null },
      ],
      remoteData: details,
    });
  });

  it('reads an international MobilePhone as typed and an address without region codes', () => {
    const valentina = {
      leads_id: 5880,
      list: [
        field({ field_name: 'MobilePhone', value: '+57 313 643 4030' }),
        field({
          field_name: 'Address',
          field_type: 'Address',
          value: { province: '', city: '', area: '', value: 'Bogotá, Colombia' },
        }),
      ],
    };
    const lead = mapBesChannelsLead(leadSchema.parse(valentina), valentina);
    expect(lead.phone).toBe('+573136434030');
    expect(lead.address).toEqual({
      formatted: 'Bogotá, Colombia',
      street: null,
      city: null,
      region: null,
      country: null,
    });
    expect(lead.owner).toBeNull();
  });

  it('refuses a payload without leads_id', () => {
    expect(leadSchema.safeParse({ list: [] }).success).toBe(false);
  });
});

describe('BesChannels phones and times', () => {
  it('asks for Chinese numbers nationally and others in E.164', () => {
    expect(toBesChannelsPhone('+8618610813532')).toBe('18610813532');
    expect(toBesChannelsPhone('+573136434030')).toBe('+573136434030');
  });

  it('reads create_time as Beijing time', () => {
    expect(parseBesChannelsTime('2026-11-02 10:15:00')?.toISOString()).toBe('2026-11-02T02:15:00.000Z');
    expect(parseBesChannelsTime('yesterday')).toBeNull();
  });
});

describe('BesChannels business codes', () => {
  it('maps known codes, keeps code and msg, and treats unknown codes as UPSTREAM_ERROR', () => {
    const cases: [number, string, string, boolean][] = [
      [40004, '线索不存在', 'NOT_FOUND', false],
      [40010, '参数错误', 'UPSTREAM_REJECTED', false],
      [40020, '线索已存在', 'UPSTREAM_REJECTED', false],
      [40030, '用户不存在', 'UPSTREAM_REJECTED', false],
      [45009, '频率超限', 'RATE_LIMITED', false],
      [40013, 'app_secret错误', 'UPSTREAM_UNAUTHORIZED', false],
      [40001, 'access_token无效', 'UPSTREAM_UNAUTHORIZED', true],
      [42001, 'access_token已过期', 'UPSTREAM_UNAUTHORIZED', true],
      [50123, '系统繁忙', 'UPSTREAM_ERROR', false],
      [50124, 'invalid access_token', 'UPSTREAM_ERROR', true],
    ];
    for (const [code, msg, expected, tokenRejected] of cases) {
      const error = besChannelsError({ vendorCode: code, message: msg });
      expect(error.extensions).toMatchObject({
        code: expected,
        vendor: 'BESCHANNELS',
        vendorCode: code,
        vendorMessage: msg,
      });
      expect(isBesChannelsTokenRejected(error)).toBe(tokenRejected);
    }
  });
});

describe('BesChannels answers the documents do not show', () => {
  it('reads "no such lead" from an unknown code by its message, in Chinese or English', () => {
    for (const message of ['线索不存在', '数据未找到', 'Lead does not exist', 'lead not found', 'No such lead']) {
      const error = besChannelsError({ vendorCode: 50123, message });
      expect(error.code, message).toBe('NOT_FOUND');
      expect(error.tokenRejected).toBe(false);
    }
    // A message naming the token is a rejected token, even when it says "does not exist".
    expect(besChannelsError({ vendorCode: 50123, message: 'access_token不存在' })).toMatchObject({
      code: 'UPSTREAM_ERROR',
      tokenRejected: true,
    });
    // A known code keeps its meaning whatever its message says.
    expect(besChannelsError({ vendorCode: 40030, message: '用户不存在' }).code).toBe('UPSTREAM_REJECTED');
    expect(besChannelsError({ vendorCode: 50123, message: '系统繁忙' }).code).toBe('UPSTREAM_ERROR');
  });

  it('judges an envelope by its code, with data absent, null, or a code and msg of another type', () => {
    expect(envelopeSchema.parse({ code: 50004, msg: '线索不存在' })).toEqual({ code: 50004, msg: '线索不存在' });
    expect(envelopeSchema.parse({ code: '0', msg: null, data: null })).toEqual({ code: 0, msg: null, data: null });
    expect(envelopeSchema.parse({ code: 1004, msg: 404 }).msg).toBe('404');
  });

  it('reads a list page with total as a number, a numeric string, or missing, and a null list', () => {
    expect(leadListSchema.parse({ list: [], total: 6 }).total).toBe(6);
    expect(leadListSchema.parse({ list: [], total: '6' }).total).toBe(6);
    expect(leadListSchema.parse({ list: null }).total).toBeUndefined();
    expect(leadListSchema.safeParse({ list: [], total: 'six' }).success).toBe(false);
  });

  it('maps a flat list record, its LeadOwner an id or a name, keeping the record in remoteData', () => {
    const raw = {
      leads_id: 5880,
      FullName: 'Valentina Ríos',
      MobilePhone: '+57 313 643 4030',
      Email: 'Valentina.Rios@Example.co',
      Company: '',
      LeadOwner: 1031,
      create_time: '2026-11-01 09:00:00',
      update_time: '2026-11-01 09:00:00',
      source_channel: 'wechat',
    };
    const lead = mapBesChannelsFlatLead(flatLeadSchema.parse(raw), raw);
    expect(lead).toMatchObject({
      id: 'beschannels:5880',
      remoteId: '5880',
      fullName: 'Valentina Ríos',
      phone: '+573136434030',
      email: 'valentina.rios@example.co',
      companyName: null,
      owner: { id: '1031', name: null, email: null },
      address: null,
      customFields: [],
    });
    expect(lead.remoteData).toBe(raw);
    const byName = { ...raw, LeadOwner: 'Carolina Méndez', MobilePhone: null, Email: undefined };
    expect(mapBesChannelsFlatLead(flatLeadSchema.parse(byName), byName)).toMatchObject({
      owner: { id: null, name: 'Carolina Méndez' },
      phone: null,
      email: null,
    });
  });

  it('reads a field list with null lists and fields without value', () => {
    const raw = {
      leads_id: 7,
      list: [
        { field_name: 'SystemField', child: [{ field_name: 'FullName', value: '王芳' }, { field_name: 'Email' }] },
      ],
    };
    expect(mapBesChannelsLead(leadSchema.parse(raw), raw)).toMatchObject({ fullName: '王芳', email: null });
    const empty = { leads_id: '8', list: null };
    expect(mapBesChannelsLead(leadSchema.parse(empty), empty)).toMatchObject({ id: 'beschannels:8', fullName: null });
  });

  it('reads what add-remark may answer instead of the remark', () => {
    expect(addedRemarkIdSchema.parse(412)).toBe('412');
    expect(addedRemarkIdSchema.parse('412')).toBe('412');
    expect(addedRemarkIdSchema.parse({ id: 412 })).toBe('412');
    expect(addedRemarkIdSchema.parse({ remark_id: '412' })).toBe('412');
    expect(addedRemarkIdSchema.parse(null)).toBeNull();
    expect(addedRemarkIdSchema.parse(undefined)).toBeNull();
    expect(remarkSchema.parse({ id: '9', leads_id: 5883, content: 123, user_id: null })).toMatchObject({
      id: '9',
      leads_id: '5883',
      content: '123',
    });
  });
});
