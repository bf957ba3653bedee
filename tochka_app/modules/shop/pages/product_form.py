"""`/app/m/shop/products/<id>` ("new" for a new one): a product with its variants (size, colour,
stock, SKU suffix), size table, care instructions and photos (upload, reorder by arrows, remove;
the first is the main one). What was typed stays in the form when the server refuses it."""

from dataclasses import dataclass, replace

import reflex as rx

from tochka_app.components.app_layout import app_page
from tochka_app.components.confirm import confirm_button
from tochka_app.components.forms import field_error as shared_field_error
from tochka_app.components.forms import form_error
from tochka_app.modules.shop import catalog, photos, routes
from tochka_app.modules.shop.catalog import ProductInput, VariantInput
from tochka_app.modules.shop.models import OrderType, ProductStatus
from tochka_app.modules.shop.rules import CODE, PhotoError, ShopError, ShopPermission
from tochka_app.services.errors import ServiceError, parse_id
from tochka_app.settings import get_settings
from tochka_app.state.i18n import I18nState
from tochka_app.state.module import ModuleState
from tochka_app.state.session import can

T = I18nState.t
PHOTO_TYPES = {"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/webp": [".webp"]}
MAX_VARIANTS = 60


@dataclass
class VariantRow:
    size: str = ""
    colour: str = ""
    sku_suffix: str = ""
    stock: str = "0"


@dataclass
class PhotoRow:
    id: str
    thumb: str  # path below MEDIA_DIR


def _rubles_text(kopecks: int | None) -> str:
    if kopecks is None:
        return ""
    return str(kopecks // 100) if kopecks % 100 == 0 else f"{kopecks / 100:.2f}".replace(".", ",")


def size_table_text(rows) -> str:
    """The size table as the editor shows it: a line per row, cells split by ";"."""
    return "\n".join("; ".join(row) for row in rows)


def parse_size_table(text: str) -> tuple[tuple[str, ...], ...]:
    lines = [line for line in text.splitlines() if line.strip()][:30]
    return tuple(tuple(cell.strip()[:40] for cell in line.split(";"))[:12] for line in lines)


class ShopProductFormState(ModuleState):
    product_id: str = ""  # "" for a new product
    name: str = ""
    sku: str = ""
    price: str = ""
    old_price: str = ""
    category_id: str = ""
    order_type: str = OrderType.in_stock
    description: str = ""
    care: str = ""
    size_table: str = ""
    status: str = ProductStatus.active
    variants: list[VariantRow] = [VariantRow()]
    photos: list[PhotoRow] = []
    category_options: list[list[str]] = []  # [id, label]
    form_key: int = 0

    def _module(self) -> str:
        return CODE

    def _param(self) -> str:
        return str(self.router.page.params.get("product", ""))

    def _reload(self, session, actor) -> None:
        self.category_options = [
            [str(c.id), ("— " if depth else "") + c.name]
            for c, depth in catalog.categories(session, actor.tenant_id)
        ]
        if self.product_id:
            self.photos = [
                PhotoRow(str(p.id), p.thumb_path)
                for p in photos.photos_of(session, parse_id(self.product_id))
                if p.tenant_id == actor.tenant_id
            ]

    @rx.event
    def load(self):
        param = self._param()
        self.photos, self.form_key = [], self.form_key + 1
        if param == "new":
            self.product_id, self.name, self.sku, self.price, self.old_price = "", "", "", "", ""
            self.category_id, self.order_type, self.status = "", OrderType.in_stock, "active"
            self.description, self.care, self.size_table = "", "", ""
            self.variants = [VariantRow()]
            return self._load_page(ShopPermission.catalog)
        self.product_id = param if param.isdigit() else "0"
        return [
            self._load_page(ShopPermission.view),
            self._run(
                ShopPermission.view,
                lambda session, actor: catalog.product_for_edit(
                    session, actor, parse_id(self.product_id)
                ),
                reload=False,
                then=self._fill,
            ),
        ]

    def _fill(self, edit: catalog.ProductEdit) -> None:
        data = edit.data
        self.name, self.sku = data.name, data.sku
        self.price, self.old_price = (
            _rubles_text(data.price_kopecks),
            _rubles_text(data.old_price_kopecks),
        )
        self.category_id = str(data.category_id or "")
        self.order_type, self.status = data.order_type, edit.status
        self.description, self.care = data.description_md, data.care_instructions
        self.size_table = size_table_text(data.size_table)
        self.variants = [
            VariantRow(v.size, v.colour, v.sku_suffix, str(v.stock)) for v in data.variants
        ] or [VariantRow()]
        self.form_key += 1

    # --- variants: edited in place, sent with the form -------------------------------------
    @rx.event
    def set_variant(self, index: int, field: str, value: str):
        if 0 <= index < len(self.variants) and field in ("size", "colour", "sku_suffix", "stock"):
            rows = list(self.variants)
            rows[index] = replace(rows[index], **{field: str(value)[:40]})
            self.variants = rows

    @rx.event
    def add_variant(self):
        if len(self.variants) < MAX_VARIANTS:
            self.variants = [*self.variants, VariantRow()]

    @rx.event
    def remove_variant(self, index: int):
        if len(self.variants) > 1 and 0 <= index < len(self.variants):
            self.variants = [v for i, v in enumerate(self.variants) if i != index]

    def _input(self) -> ProductInput:
        errors: dict[str, str] = {}
        price = catalog.parse_rubles(self.price)
        if price is None:
            errors["price"] = ShopError.price_invalid
        old = catalog.parse_rubles(self.old_price) if self.old_price.strip() else None
        if self.old_price.strip() and old is None:
            errors["old_price"] = ShopError.price_invalid
        variants = []
        for row in self.variants:
            stock = row.stock.strip() or "0"
            if not stock.isdigit():
                errors["variants"] = ShopError.quantity_invalid
                continue
            variants.append(VariantInput(row.size, row.colour, row.sku_suffix, int(stock)))
        if errors:
            raise ServiceError.form(errors)
        return ProductInput(
            name=self.name,
            sku=self.sku,
            price_kopecks=price or 0,
            description_md=self.description,
            old_price_kopecks=old,
            category_id=int(self.category_id) if self.category_id.isdigit() else None,
            order_type=self.order_type,
            care_instructions=self.care,
            size_table=parse_size_table(self.size_table),
            variants=tuple(variants),
        )

    @rx.event
    def save(self, form: dict):
        self.name, self.sku = str(form.get("name", ""))[:200], str(form.get("sku", ""))[:64]
        self.price, self.old_price = (
            str(form.get("price", ""))[:20],
            str(form.get("old_price", ""))[:20],
        )
        self.category_id = str(form.get("category_id", ""))[:12]
        self.order_type = str(form.get("order_type", OrderType.in_stock))[:16]
        self.description = str(form.get("description", ""))[:20_000]
        self.care = str(form.get("care", ""))[:5_000]
        self.size_table = str(form.get("size_table", ""))[:5_000]
        product_id = self.product_id
        return self._run(
            ShopPermission.catalog,
            lambda session, actor: catalog.save_product(
                session, actor, parse_id(product_id) if product_id else None, self._input()
            ),
            then=self._saved,
        )

    def _saved(self, product_id: int):
        if not self.product_id:
            self.product_id = str(product_id)
            return [rx.redirect(routes.product(product_id), replace=True), self._done("shop.saved")]
        return self._done("shop.saved")

    @rx.event
    def set_order_type(self, value: str):
        self.order_type = value[:16]

    @rx.event
    def set_category(self, value: str):
        self.category_id = "" if value == "none" else value[:12]

    # --- photos ------------------------------------------------------------------------------
    @rx.event
    async def upload_photos(self, files: list[rx.UploadFile]):
        if not self.product_id or not files:
            return None
        media_dir, product_id = get_settings().media_dir, parse_id(self.product_id)
        events = []
        for upload in files[: photos.MAX_PHOTOS]:
            data = await upload.read(photos.MAX_BYTES + 1)  # one byte past: "too big"
            events.append(
                self._run(
                    ShopPermission.catalog,
                    lambda session, actor, data=data: photos.add_photo(
                        session, actor, product_id, data, media_dir
                    ),
                    done=None,
                )
            )
        return [e for e in events if e is not None] or None

    @rx.event
    def photos_rejected(self, _rejections: list[dict]):
        return self._refuse(ServiceError(PhotoError.bad_type))

    @rx.event
    def move_photo(self, media_id: str, to_index: int):
        return self._run(
            ShopPermission.catalog,
            lambda session, actor: photos.move_photo(session, actor, parse_id(media_id), to_index),
        )

    @rx.event
    def remove_photo(self, media_id: str):
        return self._run(
            ShopPermission.catalog,
            lambda session, actor: photos.remove_photo(session, actor, parse_id(media_id)),
            then=self._photo_removed,
        )

    def _photo_removed(self, files: list[str]):
        photos.delete_files(get_settings().media_dir, files)  # committed: nothing uses them
        return self._done(None)

    @rx.event
    def set_status(self, status: str):
        product_id = self.product_id
        return self._run(
            ShopPermission.catalog,
            lambda session, actor: catalog.set_status(
                session, actor, [parse_id(product_id)], status
            ),
            then=lambda _: self._status_set(status),
        )

    def _status_set(self, status: str):
        self.status = status
        return self._done("shop.saved")


def field_error(key: str) -> rx.Component:
    return shared_field_error(ShopProductFormState.field_errors, key)


def _labelled(label_id: str, control: rx.Component, key: str, **props) -> rx.Component:
    return rx.vstack(
        rx.text(T[label_id], size="2", as_="label"),
        control,
        field_error(key),
        spacing="1",
        width="100%",
        **props,
    )


def _variant_row(row: VariantRow, index) -> rx.Component:
    S = ShopProductFormState
    return rx.hstack(
        *[
            rx.input(
                value=getattr(row, field),
                on_change=lambda v, f=field: S.set_variant(index, f, v),
                placeholder=T[f"shop.variant.{field}"],
                aria_label=T[f"shop.variant.{field}"],
                class_name=f"variant-{field}",
                width=width,
            )
            for field, width in (
                ("size", "90px"),
                ("colour", "120px"),
                ("sku_suffix", "90px"),
                ("stock", "80px"),
            )
        ],
        rx.icon_button(
            rx.icon("x", size=14),
            variant="ghost",
            type="button",
            aria_label=T["shop.variant.remove"],
            on_click=S.remove_variant(index),
            class_name="variant-remove",
        ),
        spacing="2",
        wrap="wrap",
        class_name="variant-row",
    )


def _photo(row: PhotoRow, index) -> rx.Component:
    S = ShopProductFormState
    return rx.vstack(
        rx.image(
            src=rx.get_upload_url(row.thumb),
            width="120px",
            height="120px",
            object_fit="cover",
            border_radius="8px",
            alt=T["shop.photo"],
        ),
        rx.hstack(
            rx.icon_button(
                rx.icon("arrow-left", size=14),
                size="1",
                variant="soft",
                aria_label=T["shop.photo_left"],
                on_click=S.move_photo(row.id, index - 1),
                disabled=index == 0,
                class_name="photo-left",
            ),
            rx.icon_button(
                rx.icon("arrow-right", size=14),
                size="1",
                variant="soft",
                aria_label=T["shop.photo_right"],
                on_click=S.move_photo(row.id, index + 1),
                disabled=index == S.photos.length() - 1,
                class_name="photo-right",
            ),
            confirm_button(
                rx.icon("trash-2", size=14),
                T["shop.photo_remove_q"],
                S.remove_photo(row.id),
                class_name="photo-remove",
                aria_label=T["shop.photo_remove"],
            ),
            spacing="1",
        ),
        rx.cond(index == 0, rx.badge(T["shop.photo_main"], size="1")),
        spacing="1",
        align="center",
        class_name="photo",
        data_id=row.id,
    )


def photos_section() -> rx.Component:
    S = ShopProductFormState
    return rx.card(
        rx.vstack(
            rx.heading(T["shop.photos"], size="4"),
            rx.cond(
                S.product_id == "",
                rx.text(T["shop.photos_after_save"], size="2", color=rx.color("gray", 11)),
                rx.vstack(
                    rx.flex(rx.foreach(S.photos, _photo), gap="3", wrap="wrap", id="photos"),
                    rx.cond(
                        can(ShopPermission.catalog),
                        rx.upload(
                            rx.button(
                                rx.icon("upload", size=14),
                                T["shop.photos_add"],
                                variant="soft",
                                type="button",
                            ),
                            id="photo-upload",
                            accept=PHOTO_TYPES,
                            max_files=photos.MAX_PHOTOS,
                            multiple=True,
                            on_drop=S.upload_photos,
                            on_drop_rejected=S.photos_rejected,
                            border="none",
                            padding="0",
                        ),
                    ),
                    rx.text(T["shop.photos_hint"], size="1", color=rx.color("gray", 10)),
                    form_error(S, "photo"),
                    spacing="3",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def product_form() -> rx.Component:
    S = ShopProductFormState
    return rx.form(
        rx.vstack(
            rx.flex(
                _labelled(
                    "shop.col.name",
                    rx.input(name="name", default_value=S.name, max_length=200, id="product-name"),
                    "name",
                    flex="2",
                    min_width="240px",
                ),
                _labelled(
                    "shop.col.sku",
                    rx.input(name="sku", default_value=S.sku, max_length=64, id="product-sku"),
                    "sku",
                    flex="1",
                    min_width="140px",
                ),
                gap="3",
                width="100%",
                wrap="wrap",
            ),
            rx.flex(
                _labelled(
                    "shop.price_rub",
                    rx.input(
                        name="price", default_value=S.price, id="product-price", inputmode="decimal"
                    ),
                    "price",
                    flex="1",
                    min_width="120px",
                ),
                _labelled(
                    "shop.old_price_rub",
                    rx.input(
                        name="old_price",
                        default_value=S.old_price,
                        id="product-old-price",
                        inputmode="decimal",
                    ),
                    "old_price",
                    flex="1",
                    min_width="120px",
                ),
                _labelled(
                    "shop.col.category",
                    rx.select.root(
                        rx.select.trigger(id="product-category", width="100%"),
                        rx.select.content(
                            rx.select.item(T["shop.no_category"], value="none"),
                            rx.foreach(
                                S.category_options,
                                lambda c: rx.select.item(c[1], value=c[0]),
                            ),
                        ),
                        name="category_id",
                        value=rx.cond(S.category_id == "", "none", S.category_id),
                        on_change=S.set_category,
                    ),
                    "category_id",
                    flex="1",
                    min_width="160px",
                ),
                _labelled(
                    "shop.order_type",
                    rx.select.root(
                        rx.select.trigger(id="product-order-type", width="100%"),
                        rx.select.content(
                            *[
                                rx.select.item(T[f"shop.order_type.{t.value}"], value=t.value)
                                for t in OrderType
                            ]
                        ),
                        name="order_type",
                        value=S.order_type,
                        on_change=S.set_order_type,
                    ),
                    "order_type",
                    flex="1",
                    min_width="160px",
                ),
                gap="3",
                width="100%",
                wrap="wrap",
            ),
            _labelled(
                "shop.description",
                rx.text_area(
                    name="description",
                    default_value=S.description,
                    rows="6",
                    id="product-description",
                ),
                "description",
            ),
            rx.vstack(
                rx.text(T["shop.variants"], size="2", weight="bold"),
                rx.text(T["shop.variants_hint"], size="1", color=rx.color("gray", 10)),
                rx.foreach(S.variants, _variant_row),
                rx.button(
                    rx.icon("plus", size=14),
                    T["shop.variant.add"],
                    variant="soft",
                    size="1",
                    type="button",
                    on_click=S.add_variant,
                    id="variant-add",
                ),
                field_error("variants"),
                spacing="2",
                width="100%",
                id="variants",
            ),
            _labelled(
                "shop.size_table",
                rx.text_area(
                    name="size_table",
                    default_value=S.size_table,
                    rows="4",
                    placeholder="Размер; Грудь; Длина\nS; 96; 70",
                    id="product-size-table",
                ),
                "size_table",
            ),
            _labelled(
                "shop.care",
                rx.text_area(name="care", default_value=S.care, rows="3", id="product-care"),
                "care",
            ),
            form_error(S, "name"),
            rx.cond(
                can(ShopPermission.catalog),
                rx.button(T["shop.save"], type="submit", id="product-save"),
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=S.save,
        key=S.form_key.to_string(),
        width="100%",
    )


@app_page(routes.PRODUCT, title="title.shop_product", on_load=ShopProductFormState.load)
def product_page() -> rx.Component:
    S = ShopProductFormState
    return rx.vstack(
        rx.link(T["shop.back_to_products"], href=routes.PRODUCTS, size="2"),
        rx.flex(
            rx.heading(rx.cond(S.product_id == "", T["shop.new_product"], S.name), size="6"),
            rx.spacer(),
            rx.cond(
                (S.product_id != "") & can(ShopPermission.catalog),
                rx.cond(
                    S.status == "active",
                    rx.button(
                        T["shop.archive"],
                        variant="soft",
                        color_scheme="gray",
                        on_click=S.set_status("archived"),
                        id="product-archive",
                    ),
                    rx.button(
                        T["shop.activate"],
                        variant="soft",
                        on_click=S.set_status("active"),
                        id="product-activate",
                    ),
                ),
            ),
            width="100%",
            align="center",
            gap="3",
        ),
        rx.cond(
            S.status == "archived", rx.badge(T["shop.product_status.archived"], color_scheme="gray")
        ),
        rx.card(product_form(), width="100%"),
        photos_section(),
        spacing="4",
        width="100%",
        max_width="900px",
    )
