// Email addresses as mailboxes: the provider's own normalisation (Gmail ignores dots and
// anything after "+"; Outlook, iCloud and Proton ignore a "+tag"), and mailboxes that are a
// role or a household's rather than one person's.

/** Providers whose mailbox ignores dots in the local part. */
const DOTS_IGNORED = new Set(['gmail.com', 'googlemail.com']);
/** Providers that deliver `name+tag@` to `name@`. */
const PLUS_TAGS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'icloud.com',
  'me.com',
  'protonmail.com',
  'proton.me',
  'fastmail.com',
]);

/** The mailbox an address delivers to: `J.Perez+crm@gmail.com` → `jperez@gmail.com`. */
export function mailboxOf(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return email;
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (PLUS_TAGS.has(domain)) local = local.replace(/\+.*$/, '');
  if (DOTS_IGNORED.has(domain)) local = local.replaceAll('.', '');
  return `${local}@${domain}`;
}

/** Local parts that name a role or a team (Spanish, Portuguese and English), not a person. */
const ROLE_LOCAL_PARTS = new Set(
  [
    'info informacion informaciones contacto contact contactenos contato hola hello admin administracion',
    'ventas venta sales vendas compras compra purchasing comercial comercio gerencia gerente direccion',
    'recepcion reception oficina office soporte support ayuda help servicio servicios atencion',
    'atencionalcliente clientes cliente facturacion facturas factura billing cobranza cobros pagos',
    'contabilidad tesoreria rrhh talento empleo empleos marketing mercadeo pedidos logistica',
    'noreply no-reply mail correo email webmaster postmaster team equipo gestion proyectos',
  ]
    .join(' ')
    .split(' '),
);
/** Words that say a personal-provider mailbox belongs to a household. */
const HOUSEHOLD = /^(familia|family|flia)|^(casa|hogar)[._-]/;

/**
 * Why a mailbox is not one person's, or null: a role (`ventas@`, `info@`, with or without a
 * suffix: `ventas2@`, `ventas.bogota@`) or a household's (`familia.perez@`).
 */
export function sharedMailboxKind(mailbox: string): 'role' | 'household' | null {
  const local = mailbox.slice(0, mailbox.lastIndexOf('@'));
  const head = local.split(/[._\-\d]/)[0] ?? local;
  if (ROLE_LOCAL_PARTS.has(local) || ROLE_LOCAL_PARTS.has(head)) return 'role';
  if (HOUSEHOLD.test(local)) return 'household';
  return null;
}
