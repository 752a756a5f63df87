// Updates or creates one or more sales invoices or purchase bills
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Xero.NetStandard.OAuth2.Api;
using Xero.NetStandard.OAuth2.Client;
using Xero.NetStandard.OAuth2.Model.Accounting;

namespace Example
{
    public class UpdateOrCreateInvoicesExample
    {
        public static async Task Main(string[] args)
        {
            var accessToken = "YOUR_ACCESS_TOKEN";
            var apiInstance = new AccountingApi();

            var xeroTenantId = "YOUR_XERO_TENANT_ID";
            var summarizeErrors = true;
            var unitdp = 4;
            var idempotencyKey = "KEY_VALUE";

            var dateValue = new DateTime(2020, 10, 10);
            var dueDateValue = new DateTime(2020, 10, 28);

            var contact = new Contact();
            contact.ContactID = Guid.Parse("00000000-0000-0000-0000-000000000000");

            var lineItem = new LineItem();
            lineItem.Description = "Foobar";
            lineItem.Quantity = 1.0m;
            lineItem.UnitAmount = 20.0m;
            lineItem.AccountCode = "000";

            var lineItems = new List<LineItem>();
            lineItems.Add(lineItem);

            var invoice = new Invoice();
            invoice.Type = Invoice.TypeEnum.ACCREC;
            invoice.Contact = contact;
            invoice.Date = dateValue;
            invoice.DueDate = dueDateValue;
            invoice.LineItems = lineItems;
            invoice.Reference = "Website Design";
            invoice.Status = Invoice.StatusEnum.DRAFT;

            var invoices = new Invoices();
            invoices._Invoices = new List<Invoice> { invoice };

            try
            {
                var result = await apiInstance.UpdateOrCreateInvoicesAsync(
                    accessToken,
                    xeroTenantId,
                    invoices,
                    summarizeErrors,
                    unitdp,
                    idempotencyKey
                );
                Console.WriteLine(result);
            }
            catch (ApiException e)
            {
                Console.WriteLine("Exception when calling AccountingApi.UpdateOrCreateInvoicesAsync: " + e.Message);
            }
        }
    }
}
