<?php
// Updates or creates one or more sales invoices or purchase bills
require_once __DIR__ . '/vendor/autoload.php';

$config = \XeroAPI\XeroPHP\Configuration::getDefaultConfiguration()->setAccessToken('YOUR_ACCESS_TOKEN');
$apiInstance = new \XeroAPI\XeroPHP\Api\AccountingApi(
    new \GuzzleHttp\Client(),
    $config
);

$xeroTenantId = 'YOUR_XERO_TENANT_ID';
$summarizeErrors = true;
$unitdp = 4;
$idempotencyKey = 'KEY_VALUE';

$dateValue = '2020-10-10';
$dueDateValue = '2020-10-28';

$contact = new \XeroAPI\XeroPHP\Models\Accounting\Contact();
$contact->setContactID('00000000-0000-0000-0000-000000000000');

$lineItem = new \XeroAPI\XeroPHP\Models\Accounting\LineItem();
$lineItem->setDescription('Foobar');
$lineItem->setQuantity(1.0);
$lineItem->setUnitAmount(20.0);
$lineItem->setAccountCode('000');

$lineItems = [$lineItem];

$invoice = new \XeroAPI\XeroPHP\Models\Accounting\Invoice();
$invoice->setType(\XeroAPI\XeroPHP\Models\Accounting\Invoice::TYPE_ACCREC);
$invoice->setContact($contact);
$invoice->setDate($dateValue);
$invoice->setDueDate($dueDateValue);
$invoice->setLineItems($lineItems);
$invoice->setReference('Website Design');
$invoice->setStatus(\XeroAPI\XeroPHP\Models\Accounting\Invoice::STATUS_DRAFT);

$invoices = new \XeroAPI\XeroPHP\Models\Accounting\Invoices();
$invoices->setInvoices([$invoice]);

try {
    $result = $apiInstance->updateOrCreateInvoices(
        $xeroTenantId,
        $invoices,
        summarize_errors: $summarizeErrors,
        unitdp: $unitdp,
        idempotency_key: $idempotencyKey
    );
    print_r($result);
} catch (\XeroAPI\XeroPHP\ApiException $e) {
    echo 'Exception when calling AccountingApi->updateOrCreateInvoices: ', $e->getMessage(), PHP_EOL;
}
