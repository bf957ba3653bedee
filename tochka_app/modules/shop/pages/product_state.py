"""The product form's state: a product with its variants, size table, care instructions and
photos, loaded from the page's address and saved through `catalog`; what was typed stays in the
form when the server refuses it (the view is product_form.py)."""

from dataclasses import dataclass, replace

import reflex as rx

from tochka_app.modules.shop import catalog, photos, routes, waves
from tochka_app.modules.shop.catalog import ProductInput, VariantInput
from tochka_app.modules.shop.models import OrderType, ProductStatus
from tochka_app.modules.shop.pages.product_waves import ShopWavesState
from tochka_app.modules.shop.rules import CODE, PhotoError, ShopError, ShopPermission
from tochka_app.services.errors import ServiceError, parse_id
from tochka_app.settings import get_settings
from tochka_app.state.module import ModuleState

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
    wave_places: str = ""  # a preorder's places per wave: "10, 10, 20"
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
        self.photos = []
        if param == "new":
            if self.product_id or self.name or self.sku:  # another product was open: blank form
                self.form_key += 1  # (not otherwise: what was typed before this ran stays)
            self.product_id, self.name, self.sku, self.price, self.old_price = "", "", "", "", ""
            self.category_id, self.order_type, self.status = "", OrderType.in_stock, "active"
            self.description, self.care, self.size_table, self.wave_places = "", "", "", ""
            self.variants = [VariantRow()]
            return self._load_page(ShopPermission.catalog)
        self.product_id = param if param.isdigit() else "0"
        if (refusal := self._load_page(ShopPermission.view)) is not None:
            return refusal
        return self._run(
            ShopPermission.view,
            lambda session, actor: catalog.product_for_edit(
                session, actor, parse_id(self.product_id)
            ),
            reload=False,
            then=self._fill,
        )

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
        self.wave_places = ", ".join(str(n) for n in data.waves)
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
        capacities: tuple[int, ...] = ()
        if self.order_type == OrderType.preorder:
            capacities = waves.parse_capacities(self.wave_places) or ()
            if not capacities:
                errors["waves"] = ShopError.waves_invalid
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
            waves=capacities,
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
        self.wave_places = str(form.get("waves", ""))[:300]
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
        return [self._done("shop.saved"), ShopWavesState.load]  # the waves as saved

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
