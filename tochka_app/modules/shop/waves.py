"""Preorder waves: a preorder product is made in waves of a fixed number of places. A buyer takes
places in the lowest wave still collecting; a full wave hands over to the next; when every wave
is full the product takes waiting-list entries instead of orders. Staff move a wave along
(collecting → production → shipping → completed) with a message its buyers see.

Places are taken under a lock of the product's wave rows (in wave order, the same order every
path locks them), and the table's check keeps `taken <= capacity` whatever happens. An order
that is canceled or not paid in time gives its places back."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from tochka_app.models._types import utcnow
from tochka_app.modules.shop import timeline
from tochka_app.modules.shop.models import (
    OrderStatus,
    ShopOrder,
    ShopOrderItem,
    ShopPreorderWave,
    ShopProduct,
    WaveStatus,
)
from tochka_app.modules.shop.rules import ShopError, ShopPermission
from tochka_app.services import audit
from tochka_app.services.access import Actor
from tochka_app.services.errors import ServiceError
from tochka_app.services.permissions import require

MAX_WAVES = 20
MAX_CAPACITY = 100_000
MAX_MESSAGE = 500
NEXT_STATUS = {
    WaveStatus.collecting: WaveStatus.production,
    WaveStatus.production: WaveStatus.shipping,
    WaveStatus.shipping: WaveStatus.completed,
}


@dataclass(frozen=True)
class WaveSummary:
    """What the storefront says of a preorder product: "волна 2 из 4 · осталось 7 мест"."""

    current: int  # the number of the wave taking places now; 0 when every wave is full
    total: int
    left: int  # places left in the current wave
    left_in_all: int  # places left in every wave still collecting: what can be ordered now

    @property
    def full(self) -> bool:
        return self.total > 0 and self.current == 0


def waves_of(session: Session, product_id: int, lock: bool = False) -> list[ShopPreorderWave]:
    stmt = (
        select(ShopPreorderWave)
        .where(ShopPreorderWave.product_id == product_id)
        .order_by(col(ShopPreorderWave.number))
    )
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    return list(session.exec(stmt))


def summary_of(waves: list[ShopPreorderWave]) -> WaveSummary:
    open_waves = [w for w in waves if w.status == WaveStatus.collecting and w.taken < w.capacity]
    left_in_all = sum(w.capacity - w.taken for w in open_waves)
    if not open_waves:
        return WaveSummary(0, len(waves), 0, 0)
    current = open_waves[0]
    return WaveSummary(current.number, len(waves), current.capacity - current.taken, left_in_all)


def summaries(session: Session, product_ids: list[int]) -> dict[int, WaveSummary]:
    """product id -> its waves' summary, for the products that have waves."""
    by_product: dict[int, list[ShopPreorderWave]] = {}
    if product_ids:
        for wave in session.exec(
            select(ShopPreorderWave)
            .where(col(ShopPreorderWave.product_id).in_(product_ids))
            .order_by(col(ShopPreorderWave.product_id), col(ShopPreorderWave.number))
        ):
            by_product.setdefault(wave.product_id, []).append(wave)
    return {pid: summary_of(waves) for pid, waves in by_product.items()}


def take(session: Session, product: ShopProduct, quantity: int) -> list[tuple[int, int]]:
    """Hold `quantity` places, filling the collecting waves in order: [(wave id, places)]. A
    line may span two waves (the last places of one, the first of the next). Refused with
    `waves_full` (nothing held) when the waves have fewer places left."""
    assert product.id is not None
    waves = waves_of(session, product.id, lock=True)
    open_waves = [w for w in waves if w.status == WaveStatus.collecting]
    if sum(w.capacity - w.taken for w in open_waves) < quantity or not waves:
        raise ServiceError(ShopError.waves_full, product=product.name)
    held: list[tuple[int, int]] = []
    for wave in open_waves:
        places = min(quantity, wave.capacity - wave.taken)
        if places <= 0:
            continue
        wave.taken += places
        wave.updated_at = utcnow()
        session.add(wave)
        held.append((wave.id or 0, places))
        quantity -= places
        if quantity == 0:
            break
    return held


def give_back(
    session: Session, items: list[ShopOrderItem], units: dict[int, int] | None = None
) -> None:
    """The places of these lines are free again (their order was canceled or not paid; or, with
    `units` {item id: n}, n units of each were refunded)."""
    wave_ids = sorted({i.wave_id for i in items if i.wave_id is not None})
    if not wave_ids:
        return
    waves = {
        w.id: w
        for w in session.exec(
            select(ShopPreorderWave)
            .where(col(ShopPreorderWave.id).in_(wave_ids))
            .order_by(col(ShopPreorderWave.product_id), col(ShopPreorderWave.number))
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    }
    for item in items:
        if (wave := waves.get(item.wave_id)) is not None:
            freed = item.quantity if units is None else units.get(item.id or 0, 0)
            wave.taken = max(0, wave.taken - freed)
            wave.updated_at = utcnow()
            session.add(wave)


def parse_capacities(text: str) -> tuple[int, ...] | None:
    """ "10, 10, 20" -> (10, 10, 20); None when it is not a list of positive whole numbers."""
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    if not parts or len(parts) > MAX_WAVES or not all(p.isdigit() for p in parts):
        return None
    numbers = tuple(int(p) for p in parts)
    return numbers if all(0 < n <= MAX_CAPACITY for n in numbers) else None


def save_waves(session: Session, product: ShopProduct, capacities: tuple[int, ...]) -> None:
    """The product's waves as the catalog form lists them: a kept wave keeps its places and
    status, may grow or shrink down to what it holds; a removed one must be empty."""
    assert product.id is not None
    existing = waves_of(session, product.id, lock=True)
    for number, capacity in enumerate(capacities, start=1):
        wave = next((w for w in existing if w.number == number), None)
        if wave is None:
            wave = ShopPreorderWave(
                tenant_id=product.tenant_id, product_id=product.id, number=number, capacity=1
            )
        if capacity < wave.taken:
            raise ServiceError(ShopError.wave_below_taken, field="waves", n=number)
        wave.capacity, wave.updated_at = capacity, utcnow()
        session.add(wave)
    for wave in existing[len(capacities) :]:
        if wave.taken:
            raise ServiceError(ShopError.wave_below_taken, field="waves", n=wave.number)
        session.delete(wave)
    session.flush()


def move(session: Session, actor: Actor, wave_id: int, message: str) -> WaveStatus:
    """Move a wave to its next status with a message for its buyers; every order with a line in
    it gets a timeline entry. Returns the new status."""
    require(actor, ShopPermission.orders)
    wave = session.get(ShopPreorderWave, wave_id)
    if wave is None or wave.tenant_id != actor.tenant_id:
        raise ServiceError(ShopError.not_found)
    wave = waves_of(session, wave.product_id, lock=True)[wave.number - 1]
    following = NEXT_STATUS.get(WaveStatus(wave.status))
    if following is None:
        raise ServiceError(ShopError.bad_transition, field="status")
    if len(message) > MAX_MESSAGE:
        raise ServiceError(ShopError.wave_message_too_long, field="message", n=MAX_MESSAGE)
    now = utcnow()
    wave.status, wave.message, wave.updated_at = following, message.strip(), now
    if following == WaveStatus.completed:
        wave.completed_at = now
    session.add(wave)
    for order in session.exec(
        select(ShopOrder)
        .where(
            col(ShopOrder.id).in_(
                select(ShopOrderItem.order_id).where(ShopOrderItem.wave_id == wave.id)
            ),
            ShopOrder.status != OrderStatus.canceled,
        )
        .order_by(col(ShopOrder.id))
    ):
        details = {"wave": wave.number, "status": following, "message": wave.message}
        timeline.add_event(session, order, "wave", details, actor.user_id)
    audit.record(
        session,
        "shop.wave_moved",
        actor=actor,
        target_type="wave",
        target_id=wave.id,
        details={"product_id": wave.product_id, "number": wave.number, "status": following},
    )
    session.flush()
    return following
