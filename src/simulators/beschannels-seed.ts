// BesChannels sample data in BesChannels' own terms: the lead table structure (field groups
// with field names, labels, types and select options), the CRM users leads belong to, the lead
// records and their remarks. The simulator renders a record through the structure into the
// `list[].child[]` field list the leads-details page shows.
// Valentina Ríos is a lead in several CRMs (LeanCore has her as 573136434030 and
// Valentina.Rios@Example.co); BesChannels keeps MobilePhone as it was typed, so Chinese leads
// have no country code and hers is spaced.

export interface BesSeedUser {
  user_id: string;
  name: string;
}

export interface BesSeedOption {
  label: string;
  value: string;
}

export interface BesSeedField {
  field_name: string;
  display_name: string;
  field_type: 'Text' | 'PhoneNumber' | 'Email' | 'Company' | 'Address' | 'Select' | 'Number' | 'DateTime';
  display_type: number;
  is_required: 0 | 1;
  /** Select fields only; LeadOwner's come from the users. */
  options?: BesSeedOption[];
}

export interface BesSeedGroup {
  field_name: string;
  display_name: string;
  child: BesSeedField[];
}

/** BesChannels' region picker: province and city are codes, `value` the names it shows. */
export interface BesSeedAddress {
  province: string;
  city: string;
  area: string;
  value: string;
}

/** A lead as BesChannels stores it: the create/edit body's flat fields plus custom fields. */
export interface BesSeedLead {
  leads_id: number;
  FullName: string;
  MobilePhone: string;
  Email: string;
  Company: string;
  Address: BesSeedAddress;
  Street: string;
  /** A user_id. */
  LeadOwner: string;
  /** Custom and other system fields by field name (select fields hold the option value). */
  fields: Record<string, string | number>;
}

export interface BesSeedRemark {
  id: number;
  leads_id: number;
  content: string;
  /** Beijing time, `YYYY-MM-DD HH:mm:ss`. */
  create_time: string;
  user_id: string;
  user_name: string;
}

export const BES_USERS: BesSeedUser[] = [
  { user_id: '1024', name: '王明' },
  { user_id: '1025', name: '李娜' },
  { user_id: '1031', name: 'Carolina Méndez' },
];

export const BES_FIELD_GROUPS: BesSeedGroup[] = [
  {
    field_name: 'SystemField',
    display_name: '系统字段',
    child: [
      { field_name: 'FullName', display_name: '姓名', field_type: 'Text', display_type: 1, is_required: 1 },
      { field_name: 'MobilePhone', display_name: '手机号', field_type: 'PhoneNumber', display_type: 1, is_required: 1 },
      { field_name: 'Email', display_name: '邮箱', field_type: 'Email', display_type: 1, is_required: 0 },
      { field_name: 'Company', display_name: '公司', field_type: 'Company', display_type: 1, is_required: 0 },
      { field_name: 'Address', display_name: '地区', field_type: 'Address', display_type: 4, is_required: 0 },
      { field_name: 'Street', display_name: '地址', field_type: 'Text', display_type: 1, is_required: 0 },
      { field_name: 'LeadOwner', display_name: '归属人', field_type: 'Select', display_type: 2, is_required: 0 },
      {
        field_name: 'LeadStatus',
        display_name: '线索状态',
        field_type: 'Select',
        display_type: 2,
        is_required: 0,
        options: [
          { label: '新线索', value: '1' },
          { label: '跟进中', value: '2' },
          { label: '已转化', value: '3' },
          { label: '无效', value: '4' },
        ],
      },
    ],
  },
  {
    field_name: 'CustomField',
    display_name: '自定义字段',
    child: [
      {
        field_name: 'LeadSource',
        display_name: '线索来源',
        field_type: 'Select',
        display_type: 2,
        is_required: 0,
        options: [
          { label: '官网表单', value: '1' },
          { label: '展会', value: '2' },
          { label: 'WhatsApp', value: '3' },
          { label: '微信公众号', value: '4' },
        ],
      },
      { field_name: 'Industry', display_name: '行业', field_type: 'Text', display_type: 1, is_required: 0 },
      { field_name: 'Budget', display_name: '预算(元)', field_type: 'Number', display_type: 1, is_required: 0 },
      { field_name: 'Wechat', display_name: '微信号', field_type: 'Text', display_type: 1, is_required: 0 },
    ],
  },
];

const NO_ADDRESS: BesSeedAddress = { province: '', city: '', area: '', value: '' };

export const BES_LEADS: BesSeedLead[] = [
  {
    leads_id: 5878,
    FullName: '宋佳',
    MobilePhone: '18610813532',
    Email: 'song22@qq.com',
    Company: '北京佳和科技有限公司',
    Address: { province: '10161', city: '100053', area: '', value: '北京 房山 ' },
    Street: '长阳镇篱笆房路 12 号',
    LeadOwner: '1024',
    fields: { LeadStatus: '2', LeadSource: '2', Industry: '软件', Budget: 200000, Wechat: 'songjia_bj' },
  },
  {
    leads_id: 5879,
    FullName: '陈志强',
    MobilePhone: '13691011211',
    Email: 'chenzq@163.com',
    Company: '深圳前海跨境电商有限公司',
    Address: { province: '10176', city: '100321', area: '100325', value: '广东 深圳 南山区' },
    Street: '科技园深南大道 9988 号',
    LeadOwner: '1025',
    fields: { LeadStatus: '1', LeadSource: '1', Industry: '跨境电商' },
  },
  {
    leads_id: 5880,
    FullName: 'Valentina Ríos',
    MobilePhone: '+57 313 643 4030',
    Email: 'valentina.rios@example.co',
    Company: 'Panadería La Espiga',
    Address: { ...NO_ADDRESS, value: 'Bogotá, Colombia' },
    Street: 'Cra 7 # 45-10',
    LeadOwner: '1031',
    fields: { LeadStatus: '2', LeadSource: '3', Industry: 'Alimentos', Budget: 15000 },
  },
  {
    leads_id: 5881,
    FullName: '刘洋',
    MobilePhone: '15921234567',
    Email: '',
    Company: '',
    Address: { province: '10170', city: '100210', area: '', value: '上海 上海 ' },
    Street: '',
    LeadOwner: '1024',
    fields: { LeadStatus: '1', LeadSource: '4' },
  },
  {
    leads_id: 5882,
    FullName: 'Mateo Gómez',
    MobilePhone: '+52 55 8765 4321',
    Email: 'mateo.gomez@tiendamateo.mx',
    Company: 'Tienda Mateo',
    Address: { ...NO_ADDRESS, value: 'Ciudad de México, México' },
    Street: 'Av. Insurgentes Sur 1602',
    LeadOwner: '1031',
    fields: { LeadStatus: '3', LeadSource: '3' },
  },
  {
    leads_id: 5883,
    FullName: '张伟',
    MobilePhone: '13912345678',
    Email: 'zhangwei@example.com.cn',
    Company: '杭州云帆物流有限公司',
    Address: { province: '10172', city: '100230', area: '', value: '浙江 杭州 ' },
    Street: '西湖区文三路 478 号',
    LeadOwner: '1025',
    fields: { LeadStatus: '4', Industry: '物流' },
  },
];

export const BES_REMARKS: BesSeedRemark[] = [
  {
    id: 301,
    leads_id: 5878,
    content: '电话沟通，客户对年度套餐有兴趣',
    create_time: '2026-11-02 10:15:00',
    user_id: '1024',
    user_name: '王明',
  },
  {
    id: 302,
    leads_id: 5878,
    content: '已发送报价单',
    create_time: '2026-11-05 16:40:00',
    user_id: '1024',
    user_name: '王明',
  },
  {
    id: 303,
    leads_id: 5880,
    content: 'Pidió una demo por WhatsApp',
    create_time: '2026-11-10 21:05:00',
    user_id: '1031',
    user_name: 'Carolina Méndez',
  },
];
