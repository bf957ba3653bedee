"""The waves of a preorder product on its back-office page: how full each is, its status and
message, and "next stage" (staff and up), which every order in the wave hears of."""

from dataclasses import dataclass

import reflex as rx

from tochka_app.components.forms import field_error
from tochka_app.i18n import gettext_
from tochka_app.modules.shop import catalog, waves
from tochka_app.modules.shop.models import OrderType
from tochka_app.modules.shop.rules import CODE, ShopPermission
from tochka_app.services.errors import ServiceError, parse_id
from tochka_app.state.i18n import I18nState
from tochka_app.state.module import ModuleState
from tochka_app.state.session import can

T = I18nState.t


@dataclass
class WaveRow:
    id: str
    number: str
    places: str  # "7 / 10"
    status: str
    status_label: str
    message: str
    can_move: bool


class ShopWavesState(ModuleState):
    wave_rows: list[WaveRow] = []
    wave_message: str = ""

    def _module(self) -> str:
        return CODE

    def _reload(self, session, actor) -> None:
        raw = str(self.router.page.params.get("product", ""))
        self.wave_rows = []
        if not raw.isdigit():
            return
        try:
            product = catalog.own_product(session, actor.tenant_id, int(raw))
        except ServiceError:  # another tenant's product, or none: nothing shown
            return
        if product.order_type != OrderType.preorder or product.id is None:
            return
        self.wave_rows = [
            WaveRow(
                str(w.id),
                str(w.number),
                f"{w.taken} / {w.capacity}",
                w.status,
                gettext_(self.lang, f"shop.wave_status.{w.status}"),
                w.message,
                w.status in waves.NEXT_STATUS,
            )
            for w in waves.waves_of(session, product.id)
        ]

    @rx.event
    def load(self):
        return self._load_page(ShopPermission.view)

    @rx.event
    def set_wave_message(self, value: str):
        self.wave_message = value[: waves.MAX_MESSAGE + 1]

    @rx.event
    def move_wave(self, wave_id: str):
        message = self.wave_message
        return self._run(
            ShopPermission.orders,
            lambda session, actor: waves.move(session, actor, parse_id(wave_id), message),
            then=self._moved,
        )

    def _moved(self, _status):
        self.wave_message = ""
        return self._done("shop.wave_moved")


def _wave(row: WaveRow) -> rx.Component:
    S = ShopWavesState
    return rx.table.row(
        rx.table.cell(row.number),
        rx.table.cell(row.places),
        rx.table.cell(rx.badge(row.status_label, variant="soft")),
        rx.table.cell(rx.text(row.message, size="2")),
        rx.table.cell(
            rx.cond(
                row.can_move & can(ShopPermission.orders),
                rx.button(
                    T["shop.wave_next"],
                    size="1",
                    variant="soft",
                    on_click=S.move_wave(row.id),
                    class_name="wave-next",
                ),
            )
        ),
        class_name="wave-row",
        data_status=row.status,
    )


def waves_section() -> rx.Component:
    S = ShopWavesState
    return rx.cond(
        S.wave_rows.length() > 0,
        rx.card(
            rx.vstack(
                rx.heading(T["shop.waves_title"], size="4"),
                rx.box(
                    rx.table.root(
                        rx.table.header(
                            rx.table.row(
                                rx.table.column_header_cell(T["shop.wave"]),
                                rx.table.column_header_cell(T["shop.wave_places"]),
                                rx.table.column_header_cell(T["shop.col.status"]),
                                rx.table.column_header_cell(T["shop.wave_message"]),
                                rx.table.column_header_cell(""),
                            )
                        ),
                        rx.table.body(rx.foreach(S.wave_rows, _wave)),
                        size="1",
                        width="100%",
                    ),
                    overflow_x="auto",
                    width="100%",
                ),
                rx.cond(
                    can(ShopPermission.orders),
                    rx.vstack(
                        rx.text(T["shop.wave_message"], size="2", as_="label"),
                        rx.input(
                            value=S.wave_message,
                            on_change=S.set_wave_message,
                            max_length=waves.MAX_MESSAGE,
                            id="wave-message",
                            width="100%",
                        ),
                        field_error(S.field_errors, "message"),
                        spacing="1",
                        width="100%",
                    ),
                ),
                spacing="3",
                width="100%",
            ),
            width="100%",
            id="waves",
        ),
    )
