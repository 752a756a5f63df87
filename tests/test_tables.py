"""Table tests: every x-example entry kind and every parameter type, in every language.

The spec under tests/fixtures/tables/ holds one operation whose x-example uses every entry kind
and whose parameters have every type; each row names a construct and the line each language must
write for it.
"""

from __future__ import annotations

import pytest

from generator import load_api, render_files
from generator.languages import LANGUAGES
from generator.write import BlackFormatter

from .conftest import FIXTURES, syntax_problems

LANGS = ["python", "java", "csharp", "php", "node", "ruby"]

ENTRY_KINDS: dict[str, tuple[str, ...]] = {
    "date": (
        "placed_on = datetime.date(2021, 3, 5)",
        "LocalDate placedOn = LocalDate.of(2021, Month.MARCH, 5);",
        "var placedOn = new DateTime(2021, 3, 5);",
        "$placedOn = '2021-03-05';",
        "const placedOn = '2021-03-05';",
        "placed_on = '2021-03-05'",
    ),
    "empty object": (
        "customer = Customer()",
        "Customer customer = new Customer();",
        "var customer = new Customer();",
        "$customer = new \\XeroAPI\\XeroPHP\\Models\\Accounting\\Customer();",
        "const customer: Customer = {};",
        "customer = XeroRuby::Accounting::Customer.new",
    ),
    "object with a field": (
        'sku="A-1",',
        'line.setSku("A-1");',
        'line.Sku = "A-1";',
        "$line->setSku('A-1');",
        "sku: 'A-1',",
        "sku: 'A-1'",
    ),
    "uuid field": (
        'order_id="00000000-0000-0000-0000-000000000042",',
        'order.setOrderID(UUID.fromString("00000000-0000-0000-0000-000000000042"));',
        'order.OrderID = Guid.Parse("00000000-0000-0000-0000-000000000042");',
        "$order->setOrderID('00000000-0000-0000-0000-000000000042');",
        "orderID: '00000000-0000-0000-0000-000000000042',",
        "order_id: '00000000-0000-0000-0000-000000000042',",
    ),
    "plain string field": (
        'reference="Ref 7",',
        'order.setReference("Ref 7");',
        'order.Reference = "Ref 7";',
        "$order->setReference('Ref 7');",
        "reference: 'Ref 7',",
        "reference: 'Ref 7',",
    ),
    "number into a string field": (
        'code="123456",',
        'order.setCode("123456");',
        'order.Code = "123456";',
        "$order->setCode('123456');",
        "code: '123456',",
        "code: '123456',",
    ),
    "money": (
        "total=20.0,",
        "order.setTotal(20.0);",
        "order.Total = 20.0m;",
        "$order->setTotal(20.0);",
        "total: 20.0,",
        "total: 20.0,",
    ),
    "integer": (
        "count=3,",
        "order.setCount(3);",
        "order.Count = 3;",
        "$order->setCount(3);",
        "count: 3,",
        "count: 3,",
    ),
    "inline enum": (
        'kind="SALE",',
        "order.setKind(Order.KindEnum.SALE);",
        "order.Kind = Order.KindEnum.SALE;",
        "$order->setKind(\\XeroAPI\\XeroPHP\\Models\\Accounting\\Order::KIND_SALE);",
        "kind: Order.KindEnum.SALE,",
        "kind: XeroRuby::Accounting::Order::SALE,",
    ),
    "named enum": (
        "status=Status.CLOSEDOUT,",
        "order.setStatus(Status.CLOSEDOUT);",
        "order.Status = Status.ClosedOut;",
        "$order->setStatus(\\XeroAPI\\XeroPHP\\Models\\Accounting\\Status::CLOSED_OUT);",
        "status: Status.ClosedOut,",
        "status: XeroRuby::Accounting::Status::CLOSED_OUT,",
    ),
    "variable: date": (
        "placed=placed_on,",
        "order.setPlaced(placedOn);",
        "order.Placed = placedOn;",
        "$order->setPlaced($placedOn);",
        "placed: placedOn,",
        "placed: placed_on,",
    ),
    "variable: object": (
        "customer=customer,",
        "order.setCustomer(customer);",
        "order.Customer = customer;",
        "$order->setCustomer($customer);",
        "customer: customer,",
        "customer: customer,",
    ),
    "variable: list": (
        "lines=lines,",
        "order.setLines(lines);",
        "order.Lines = lines;",
        "$order->setLines($lines);",
        "lines: lines,",
        "lines: lines,",
    ),
    "object into a list field": (
        "notes=[note],",
        "order.addNotesItem(note);",
        "order.Notes = new List<Note> { note };",
        "$order->setNotes([$note]);",
        "notes: [note],",
        "notes: [note]",
    ),
    "list and list add": (
        "lines = [line]",
        "lines.add(line);",
        "lines.Add(line);",
        "$lines = [$line];",
        "const lines: Line[] = [line];",
        "lines = [line]",
    ),
    "list declaration": (
        "lines = [line]",
        "List<Line> lines = new ArrayList<>();",
        "var lines = new List<Line>();",
        "$lines = [$line];",
        "const lines: Line[] = [line];",
        "lines = [line]",
    ),
    "array add (wrapper)": (
        "orders=[order],",
        "orders.addOrdersItem(order);",
        "orders._Orders = new List<Order> { order };",
        "$orders->setOrders([$order]);",
        "orders: [order],",
        "orders: [order]",
    ),
}

PARAM_TYPES: dict[str, tuple[str, ...]] = {
    "string (header)": (
        'xero_tenant_id = "TENANT"',
        'String xeroTenantId = "TENANT";',
        'var xeroTenantId = "TENANT";',
        "$xeroTenantId = 'TENANT';",
        "const xeroTenantId = 'TENANT';",
        "xero_tenant_id = 'TENANT'",
    ),
    "uuid (path)": (
        'order_id = "00000000-0000-0000-0000-000000000007"',
        'UUID orderID = UUID.fromString("00000000-0000-0000-0000-000000000007");',
        'var orderID = Guid.Parse("00000000-0000-0000-0000-000000000007");',
        "$orderID = '00000000-0000-0000-0000-000000000007';",
        "const orderID = '00000000-0000-0000-0000-000000000007';",
        "order_id = '00000000-0000-0000-0000-000000000007'",
    ),
    "datetime (header)": (
        'if_modified_since = datetime.datetime.fromisoformat("2020-02-06T12:17:43.202-08:00")',
        'OffsetDateTime ifModifiedSince = OffsetDateTime.parse("2020-02-06T12:17:43.202-08:00");',
        'var ifModifiedSince = DateTime.Parse("2020-02-06T12:17:43.202-08:00");',
        "$ifModifiedSince = new \\DateTime('2020-02-06T12:17:43.202-08:00');",
        "const ifModifiedSince = new Date('2020-02-06T12:17:43.202-08:00');",
        "if_modified_since = '2020-02-06T12:17:43.202-08:00'",
    ),
    "date": (
        "day = datetime.date(2019, 10, 31)",
        "LocalDate day = LocalDate.of(2019, Month.OCTOBER, 31);",
        "var day = new DateTime(2019, 10, 31);",
        "$day = '2019-10-31';",
        "const day = '2019-10-31';",
        "day = '2019-10-31'",
    ),
    "integer": (
        "page = 2",
        "Integer page = 2;",
        "var page = 2;",
        "$page = 2;",
        "const page = 2;",
        "page = 2",
    ),
    "boolean": (
        "flag = False",
        "Boolean flag = false;",
        "var flag = false;",
        "$flag = false;",
        "const flag = false;",
        "flag = false",
    ),
    "number": (
        "ratio = 1.5",
        "Double ratio = 1.5;",
        "var ratio = 1.5m;",
        "$ratio = 1.5;",
        "const ratio = 1.5;",
        "ratio = 1.5",
    ),
    "uuid[]": (
        'i_ds = ["00000000-0000-0000-0000-000000000001"]',
        'List<UUID> iDs = Arrays.asList(UUID.fromString("00000000-0000-0000-0000-000000000001"));',
        'var iDs = new List<Guid> { Guid.Parse("00000000-0000-0000-0000-000000000001") };',
        "$iDs = ['00000000-0000-0000-0000-000000000001'];",
        "const iDs = ['00000000-0000-0000-0000-000000000001'];",
        "i_ds = ['00000000-0000-0000-0000-000000000001']",
    ),
    "string[]": (
        'codes = ["a", "b"]',
        'List<String> codes = Arrays.asList("a", "b");',
        'var codes = new List<string> { "a", "b" };',
        "$codes = ['a', 'b'];",
        "const codes = ['a', 'b'];",
        "codes = ['a', 'b']",
    ),
    "where with embedded quotes": (
        "where = 'Name==\"O\\'Brien\"'",
        'String where = "Name==\\"O\'Brien\\"";',
        'var where = "Name==\\"O\'Brien\\"";',
        "$where = 'Name==\"O\\'Brien\"';",
        "const where = 'Name==\"O\\'Brien\"';",
        "where = 'Name==\"O\\'Brien\"'",
    ),
    "inline enum": (
        'mode = "SLOW"',
        'String mode = "SLOW";',
        'var mode = "SLOW";',
        "$mode = 'SLOW';",
        "const mode = 'SLOW';",
        "mode = 'SLOW'",
    ),
}

OPTIONAL_ARGUMENT = ("i_ds=i_ds,", "iDs,", "iDs,", "ids: $iDs,", "iDs,", "i_ds: i_ds,")


@pytest.fixture(scope="module")
def snippets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    api, _ = load_api(FIXTURES / "tables")
    files = render_files(
        api, client=False, formatter=BlackFormatter(tmp_path_factory.mktemp("black"))
    )
    out = {}
    for lang in LANGUAGES:
        source = files[f"snippets/updateOrders/{lang.filename}"].decode()
        assert syntax_problems(lang.key, source) == []
        out[lang.key] = [line.strip() for line in source.splitlines()]
    return out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", sorted(ENTRY_KINDS))
def test_entry_kind(snippets: dict[str, list[str]], kind: str, lang: str) -> None:
    assert ENTRY_KINDS[kind][LANGS.index(lang)] in snippets[lang]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", sorted(PARAM_TYPES))
def test_parameter_type(snippets: dict[str, list[str]], kind: str, lang: str) -> None:
    assert PARAM_TYPES[kind][LANGS.index(lang)] in snippets[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_optional_arguments_take_the_sdk_form(
    snippets: dict[str, list[str]], lang: str
) -> None:
    assert OPTIONAL_ARGUMENT[LANGS.index(lang)] in snippets[lang]
