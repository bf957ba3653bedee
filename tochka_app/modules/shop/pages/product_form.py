"""`/app/m/shop/products/<id>` ("new" for a new one): a product with its variants (size, colour,
stock, SKU suffix), size table, care instructions and photos (upload, reorder by arrows, remove;
the first is the main one). What was typed stays in the form when the server refuses it."""

import reflex as rx

from tochka_app.components.app_layout import app_page
from tochka_app.components.confirm import confirm_button
from tochka_app.components.forms import field_error as shared_field_error
from tochka_app.components.forms import form_error
from tochka_app.modules.shop import photos, routes
from tochka_app.modules.shop.models import OrderType
from tochka_app.modules.shop.pages.product_state import (
    PHOTO_TYPES,
    PhotoRow,
    ShopProductFormState,
    VariantRow,
)
from tochka_app.modules.shop.pages.product_waves import ShopWavesState, waves_section
from tochka_app.modules.shop.rules import ShopPermission
from tochka_app.state.i18n import I18nState
from tochka_app.state.session import can

T = I18nState.t


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
            rx.cond(
                S.order_type == OrderType.preorder,
                _labelled(
                    "shop.waves",
                    rx.input(
                        name="waves",
                        default_value=S.wave_places,
                        placeholder="10, 10, 20",
                        max_length=300,
                        id="product-waves",
                    ),
                    "waves",
                ),
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


@app_page(
    routes.PRODUCT,
    title="title.shop_product",
    on_load=[ShopProductFormState.load, ShopWavesState.load],
)
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
        waves_section(),
        photos_section(),
        spacing="4",
        width="100%",
        max_width="900px",
    )
