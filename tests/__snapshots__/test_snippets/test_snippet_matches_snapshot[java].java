// Updates or creates one or more sales invoices or purchase bills
import com.xero.api.ApiClient;
import com.xero.api.XeroException;
import com.xero.api.client.AccountingApi;
import com.xero.models.accounting.*;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.threeten.bp.LocalDate;
import org.threeten.bp.Month;

class UpdateOrCreateInvoicesExample {
    public static void main(String[] args) {
        String accessToken = "YOUR_ACCESS_TOKEN";
        ApiClient apiClient = new ApiClient();
        AccountingApi apiInstance = AccountingApi.getInstance(apiClient);

        String xeroTenantId = "YOUR_XERO_TENANT_ID";
        Boolean summarizeErrors = true;
        Integer unitdp = 4;
        String idempotencyKey = "KEY_VALUE";

        LocalDate dateValue = LocalDate.of(2020, Month.OCTOBER, 10);
        LocalDate dueDateValue = LocalDate.of(2020, Month.OCTOBER, 28);

        Contact contact = new Contact();
        contact.setContactID(UUID.fromString("00000000-0000-0000-0000-000000000000"));

        LineItem lineItem = new LineItem();
        lineItem.setDescription("Foobar");
        lineItem.setQuantity(1.0);
        lineItem.setUnitAmount(20.0);
        lineItem.setAccountCode("000");

        List<LineItem> lineItems = new ArrayList<>();
        lineItems.add(lineItem);

        Invoice invoice = new Invoice();
        invoice.setType(Invoice.TypeEnum.ACCREC);
        invoice.setContact(contact);
        invoice.setDate(dateValue);
        invoice.setDueDate(dueDateValue);
        invoice.setLineItems(lineItems);
        invoice.setReference("Website Design");
        invoice.setStatus(Invoice.StatusEnum.DRAFT);

        Invoices invoices = new Invoices();
        invoices.addInvoicesItem(invoice);

        try {
            Invoices result = apiInstance.updateOrCreateInvoices(
                accessToken,
                xeroTenantId,
                invoices,
                summarizeErrors,
                unitdp,
                idempotencyKey
            );
            System.out.println(result);
        } catch (XeroException e) {
            System.err.println("Exception when calling AccountingApi#updateOrCreateInvoices: " + e.getMessage());
        } catch (IOException e) {
            e.printStackTrace();
        }
    }
}
