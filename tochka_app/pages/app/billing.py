"""`/app/billing`: tariff and period, usage, tariffs to compare and switch, payment method,
payment history with receipts. Only the owner changes anything (checked on the server)."""

import reflex as rx
from sqlmodel import Session

from tochka_app import routes
from tochka_app.components.app_layout import app_page
from tochka_app.components.confirm import confirm_button
from tochka_app.components.table import table
from tochka_app.components.titles import page_title
from tochka_app.components.usage import usage_meters
from tochka_app.pages.app.billing_state import BillingState as S
from tochka_app.services.access import Actor
from tochka_app.services.billing import overview
from tochka_app.services.billing.overview import Receipt
from tochka_app.services.permissions import Permission
from tochka_app.state.i18n import I18nState
from tochka_app.state.session import SessionState, can

T = I18nState.t
CAN_VIEW = can(Permission.view_billing)
CAN_MANAGE = can(Permission.manage_billing)  # the owner: pays and changes the tariff


def current_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(S.tariff, size="6", id="billing-tariff"),
                rx.badge(
                    S.status_label,
                    id="billing-status",
                    color_scheme=rx.match(
                        S.status,
                        ("active", "grass"),
                        ("trial", "blue"),
                        ("past_due", "amber"),
                        "red",
                    ),
                ),
                spacing="3",
                align="center",
                wrap="wrap",
            ),
            rx.text(
                S.period_label,
                " ",
                S.period_end,
                " (",
                S.days_left,
                " ",
                T["billing.days"],
                ")",
                size="2",
                id="billing-period",
            ),
            rx.cond(
                S.period_price != "", rx.text(S.period_price, size="2", id="billing-period-price")
            ),
            rx.cond(
                S.next_period != "",
                rx.text(
                    S.next_period, size="2", color=rx.color("gray", 11), id="billing-next-period"
                ),
            ),
            rx.cond(
                S.pending_tariff != "",
                rx.hstack(
                    rx.text(
                        T["billing.pending"], " ", S.pending_tariff, size="2", id="billing-pending"
                    ),
                    rx.cond(
                        CAN_MANAGE,
                        rx.button(
                            T["billing.keep_tariff"],
                            size="1",
                            variant="soft",
                            on_click=S.keep_tariff,
                        ),
                    ),
                    spacing="2",
                    align="center",
                    wrap="wrap",
                ),
            ),
            rx.cond(
                S.status == "past_due",
                rx.callout(T["billing.past_due_hint"], icon="triangle-alert", color_scheme="amber"),
            ),
            rx.cond(
                (S.status == "expired") | (S.status == "cancelled"),
                rx.callout(
                    T["billing.read_only_hint"],
                    icon="lock",
                    color_scheme="red",
                    id="billing-read-only",
                ),
            ),
            rx.text(
                T["billing.method"],
                " ",
                rx.cond(S.method != "", S.method, T["billing.no_method"]),
                size="2",
                color=rx.color("gray", 11),
                id="billing-method",
            ),
            rx.cond(
                CAN_MANAGE
                & ((S.status == "trial") | (S.status == "active") | (S.status == "past_due")),
                rx.cond(
                    S.cancel_at_period_end,
                    rx.button(
                        T["billing.resume"],
                        variant="soft",
                        on_click=S.resume,
                        id="billing-resume",
                        width="fit-content",
                    ),
                    confirm_button(
                        T["billing.cancel"], T["billing.cancel_q"], S.cancel, id="billing-cancel"
                    ),
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def option_card(option) -> rx.Component:
    action = rx.match(
        option.action,
        ("current", rx.fragment()),  # marked by the badge beside the name
        ("scheduled", rx.badge(T["billing.scheduled"], color_scheme="blue", size="2")),
        (
            "pay",
            rx.button(
                T["billing.pay"],
                on_click=S.checkout(option.code),
                class_name="billing-pay",
                loading=S.busy,
                disabled=~CAN_MANAGE,
            ),
        ),
        (
            "upgrade",
            rx.button(
                T["billing.upgrade"],
                on_click=S.checkout(option.code),
                class_name="billing-pay",
                loading=S.busy,
                disabled=~CAN_MANAGE,
            ),
        ),
        (
            "downgrade",
            confirm_button(
                T["billing.downgrade"],
                T["billing.downgrade_q"],
                S.downgrade(option.code),
                color_scheme="gray",
                class_name="billing-downgrade",
                disabled=~CAN_MANAGE,
            ),
        ),
        rx.fragment(),
    )
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(option.name, size="4"),
                rx.cond(
                    option.current,
                    rx.badge(
                        T["billing.current"],
                        color_scheme="grass",
                        size="2",
                        class_name="billing-current",
                    ),
                ),
                justify="between",
                align="center",
                width="100%",
                wrap="wrap",
            ),
            rx.text(option.price, " ", T["billing.per_month"], size="3", weight="bold"),
            rx.vstack(
                rx.foreach(option.limits, lambda line: rx.text("• ", line, size="2")), spacing="1"
            ),
            rx.spacer(),
            rx.cond(option.note != "", rx.text(option.note, size="1", color=rx.color("gray", 11))),
            action,
            spacing="2",
            height="100%",
        ),
        class_name="billing-option",
        data_code=option.code,
        data_action=option.action,
        data_current=rx.cond(option.current, "yes", "no"),
        width="100%",
        style=rx.cond(option.current, {"outline": f"2px solid {rx.color('grass', 8)}"}, {}),
    )


def history() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(T["billing.history"], size="4"),
            rx.cond(
                S.history.length() == 0,
                rx.text(T["billing.no_payments"], size="2", color=rx.color("gray", 11)),
                table(
                    rx.table.body(
                        rx.foreach(
                            S.history,
                            lambda p: rx.table.row(
                                rx.table.cell(p.date),
                                rx.table.cell(p.description),
                                rx.table.cell(p.amount),
                                rx.table.cell(
                                    rx.badge(
                                        p.status_label,
                                        color_scheme=rx.match(
                                            p.status,
                                            ("succeeded", "grass"),
                                            ("canceled", "red"),
                                            "gray",
                                        ),
                                    ),
                                    class_name="payment-status",
                                ),
                                rx.table.cell(
                                    rx.cond(
                                        p.status == "succeeded",
                                        rx.link(
                                            T["billing.receipt"],
                                            href=routes.receipt(p.id),
                                            class_name="receipt-link",
                                        ),
                                    )
                                ),
                                class_name="payment-row",
                                data_status=p.status,
                            ),
                        )
                    ),
                    id="payment-history",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


@app_page(routes.BILLING, title="title.billing", on_load=S.load)
def billing_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["billing.heading"], size="7"),
        rx.cond(
            CAN_VIEW,
            billing_body(),
            rx.callout(T["billing.admins_only"], icon="lock", id="billing-forbidden"),
        ),
        spacing="4",
        width="100%",
    )


def billing_body() -> rx.Component:
    return rx.vstack(
        rx.cond(
            S.notice != "",
            rx.callout(
                S.notice,
                id="billing-notice",
                icon="info",
                color_scheme=rx.cond(S.notice_ok, "grass", "red"),
            ),
        ),
        rx.grid(
            current_card(),
            rx.card(
                rx.vstack(
                    rx.heading(T["app.usage"], size="4"),
                    usage_meters(S.usage),
                    spacing="3",
                    width="100%",
                ),
                width="100%",
            ),
            columns=rx.breakpoints(initial="1", lg="2"),
            spacing="4",
            width="100%",
        ),
        rx.heading(T["billing.compare"], size="5"),
        rx.cond(
            ~CAN_MANAGE,
            rx.text(
                T["billing.owner_only"],
                size="2",
                color=rx.color("gray", 11),
                id="billing-owner-only",
            ),
        ),
        rx.grid(
            rx.foreach(S.options, option_card),
            columns=rx.breakpoints(initial="1", md="3"),
            spacing="4",
            width="100%",
        ),
        history(),
        spacing="4",
        width="100%",
    )


class ReceiptState(SessionState):
    found: bool = False
    receipt: Receipt = Receipt()

    def _reload(self, session: Session, actor: Actor) -> None:
        receipt = overview.receipt(
            session, actor.tenant_id, self.router.page.params.get("payment", ""), self.lang
        )
        self.found, self.receipt = receipt is not None, receipt or Receipt()

    @rx.event
    def load(self):
        self.found = False  # until the payment is found again (someone else's id: not found)
        return self._load_page(Permission.view_billing)


def receipt_line(label_key: str, value) -> rx.Component:
    return rx.hstack(
        rx.text(T[label_key], color=rx.color("gray", 11)),
        rx.spacer(),
        rx.text(value, weight="medium"),
        width="100%",
    )


@rx.page(
    route=routes.RECEIPT,
    title=page_title(routes.RECEIPT, "title.receipt"),
    on_load=ReceiptState.load,
)
def receipt_page() -> rx.Component:
    R = ReceiptState
    P = R.receipt
    return rx.box(
        rx.cond(
            R.found,
            rx.vstack(
                rx.hstack(
                    rx.heading("Точка Роста", size="5"),
                    rx.spacer(),
                    rx.button(
                        T["billing.print"],
                        variant="soft",
                        class_name="no-print",
                        on_click=rx.call_script("window.print()"),
                    ),
                    width="100%",
                    align="center",
                ),
                rx.heading(
                    T["billing.receipt_title"], " ", P.number, size="7", id="receipt-number"
                ),
                rx.divider(),
                receipt_line("billing.receipt_date", P.date),
                receipt_line("billing.receipt_payer", P.company),
                receipt_line("billing.receipt_for", P.description),
                rx.cond(P.credit != "", receipt_line("billing.receipt_credit", P.credit)),
                receipt_line("billing.receipt_amount", P.amount),
                rx.cond(P.refunded != "", receipt_line("billing.receipt_refunded", P.refunded)),
                receipt_line("billing.receipt_provider", P.provider_id),
                rx.divider(),
                rx.text(T["billing.receipt_note"], size="1", color=rx.color("gray", 10)),
                rx.link(T["billing.back"], href=routes.BILLING, class_name="no-print", size="2"),
                spacing="3",
                width="100%",
                id="receipt",
            ),
            rx.vstack(
                rx.heading(T["notfound.title"], size="6", id="not-found"),
                rx.link(T["billing.back"], href=routes.BILLING),
            ),
        ),
        max_width="640px",
        margin_x="auto",
        padding="40px 16px",
        style={"@media print": {".no-print": {"display": "none"}}},
    )
