# Updates or creates one or more sales invoices or purchase bills
require 'xero-ruby'

creds = {
  client_id: 'YOUR_CLIENT_ID',
  client_secret: 'YOUR_CLIENT_SECRET',
  grant_type: 'client_credentials'
}
xero_client = XeroRuby::ApiClient.new(credentials: creds)
xero_client.set_token_set({ access_token: 'YOUR_ACCESS_TOKEN', token_type: 'Bearer', expires_in: 1800 })

xero_tenant_id = 'YOUR_XERO_TENANT_ID'
summarize_errors = true
unitdp = 4
idempotency_key = 'KEY_VALUE'

date_value = '2020-10-10'
due_date_value = '2020-10-28'

contact = XeroRuby::Accounting::Contact.new(
  contact_id: '00000000-0000-0000-0000-000000000000'
)

line_item = XeroRuby::Accounting::LineItem.new(
  description: 'Foobar',
  quantity: 1.0,
  unit_amount: 20.0,
  account_code: '000'
)

line_items = [line_item]

invoice = XeroRuby::Accounting::Invoice.new(
  type: XeroRuby::Accounting::Invoice::ACCREC,
  contact: contact,
  date: date_value,
  due_date: due_date_value,
  line_items: line_items,
  reference: 'Website Design',
  status: XeroRuby::Accounting::Invoice::DRAFT
)

invoices = XeroRuby::Accounting::Invoices.new(
  invoices: [invoice]
)

opts = {
  summarize_errors: summarize_errors,
  unitdp: unitdp,
  idempotency_key: idempotency_key
}

begin
  response = xero_client.accounting_api.update_or_create_invoices(xero_tenant_id, invoices, opts)
  p response
rescue XeroRuby::ApiError => e
  puts 'Exception when calling AccountingApi->update_or_create_invoices: ' + e.message
end
