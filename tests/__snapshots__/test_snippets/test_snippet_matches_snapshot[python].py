# Updates or creates one or more sales invoices or purchase bills
import datetime

from xero_python.accounting import (
    AccountingApi,
    Contact,
    Invoice,
    Invoices,
    LineItem,
)
from xero_python.api_client import ApiClient
from xero_python.api_client.configuration import Configuration
from xero_python.api_client.oauth2 import OAuth2Token
from xero_python.exceptions import AccountingBadRequestException, ApiException

api_client = ApiClient(
    Configuration(
        debug=False,
        oauth2_token=OAuth2Token(
            client_id="YOUR_CLIENT_ID",
            client_secret="YOUR_CLIENT_SECRET",
        ),
    ),
    pool_threads=1,
)
token_store = {}


@api_client.oauth2_token_getter
def obtain_xero_oauth2_token():
    return token_store.get("token")


@api_client.oauth2_token_saver
def store_xero_oauth2_token(token):
    token_store["token"] = token


api_client.set_oauth2_token(
    {
        "access_token": "YOUR_ACCESS_TOKEN",
        "token_type": "Bearer",
        "expires_in": 1800,
        "scope": [
            "accounting.transactions",
        ],
    }
)


def accounting_update_or_create_invoices():
    api_instance = AccountingApi(api_client)
    xero_tenant_id = "YOUR_XERO_TENANT_ID"
    summarize_errors = True
    unitdp = 4
    idempotency_key = "KEY_VALUE"
    date_value = datetime.date(2020, 10, 10)
    due_date_value = datetime.date(2020, 10, 28)
    contact = Contact(
        contact_id="00000000-0000-0000-0000-000000000000",
    )
    line_item = LineItem(
        description="Foobar",
        quantity=1.0,
        unit_amount=20.0,
        account_code="000",
    )
    line_items = [line_item]
    invoice = Invoice(
        type="ACCREC",
        contact=contact,
        date=date_value,
        due_date=due_date_value,
        line_items=line_items,
        reference="Website Design",
        status="DRAFT",
    )
    invoices = Invoices(
        invoices=[invoice],
    )
    try:
        api_response = api_instance.update_or_create_invoices(
            xero_tenant_id,
            invoices,
            summarize_errors=summarize_errors,
            unitdp=unitdp,
            idempotency_key=idempotency_key,
        )
        print(api_response)
    except AccountingBadRequestException as e:
        print("Validation errors:", e)
    except ApiException as e:
        print("Exception when calling AccountingApi:", e)


if __name__ == "__main__":
    accounting_update_or_create_invoices()
