"""Tables of the shop module (`module_shop_*`), every row owned by a tenant.

Money is in kopecks. An order keeps each line's name, variant, SKU and price as they were when it
was placed: later edits of a product change no order.

The tables live in small modules by subject (_base, catalog, orders, customers, selling); every
name is imported here, so `from tochka_app.modules.shop.models import ShopOrder` works for all."""

from tochka_app.modules.shop.models._base import (  # noqa: F401
    OrderStatus,
    OrderType,
    PaymentStatus,
    ProductStatus,
    WaveStatus,
    _tenant_fk,
)
from tochka_app.modules.shop.models.catalog import (  # noqa: F401
    ShopCategory,
    ShopProduct,
    ShopProductMedia,
    ShopVariant,
)
from tochka_app.modules.shop.models.customers import (  # noqa: F401
    ShopCustomer,
    ShopCustomerSession,
    ShopWaitlistEntry,
)
from tochka_app.modules.shop.models.orders import (  # noqa: F401
    RefundStatus,
    ShopOrder,
    ShopOrderEvent,
    ShopOrderItem,
    ShopOrderSequence,
    ShopPayment,
    ShopPaymentAccount,
    ShopRefund,
)
from tochka_app.modules.shop.models.selling import (  # noqa: F401
    PromoKind,
    ShopDailyStats,
    ShopPreorderWave,
    ShopPromoCode,
)
