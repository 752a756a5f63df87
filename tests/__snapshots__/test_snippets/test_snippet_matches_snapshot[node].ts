// Updates or creates one or more sales invoices or purchase bills
import { XeroClient, Contact, Invoice, Invoices, LineItem } from 'xero-node';

const xero = new XeroClient();

async function main(): Promise<void> {
  xero.setTokenSet({
    access_token: 'YOUR_ACCESS_TOKEN',
    token_type: 'Bearer',
    expires_in: 1800,
  });

  const xeroTenantId = 'YOUR_XERO_TENANT_ID';
  const summarizeErrors = true;
  const unitdp = 4;
  const idempotencyKey = 'KEY_VALUE';

  const dateValue = '2020-10-10';
  const dueDateValue = '2020-10-28';

  const contact: Contact = {
    contactID: '00000000-0000-0000-0000-000000000000',
  };

  const lineItem: LineItem = {
    description: 'Foobar',
    quantity: 1.0,
    unitAmount: 20.0,
    accountCode: '000',
  };

  const lineItems: LineItem[] = [lineItem];

  const invoice: Invoice = {
    type: Invoice.TypeEnum.ACCREC,
    contact: contact,
    date: dateValue,
    dueDate: dueDateValue,
    lineItems: lineItems,
    reference: 'Website Design',
    status: Invoice.StatusEnum.DRAFT,
  };

  const invoices: Invoices = {
    invoices: [invoice],
  };

  try {
    const response = await xero.accountingApi.updateOrCreateInvoices(
      xeroTenantId,
      invoices,
      summarizeErrors,
      unitdp,
      idempotencyKey,
    );
    console.log(response.response.status, JSON.stringify(response.body, null, 2));
  } catch (err: unknown) {
    // xero-node rejects with the failed response serialised as a JSON string
    const error = typeof err === 'string' ? JSON.parse(err) : err;
    console.error(`Status Code: ${error?.response?.statusCode} => ${JSON.stringify(error?.response?.body ?? error)}`);
  }
}

main();
