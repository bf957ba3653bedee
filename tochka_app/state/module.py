"""Base for module pages. A module state names its module in `_module()`; the guard then also
checks that the tenant has the module enabled, so a disabled module's pages send users to the
marketplace and its handlers do nothing, for anyone.

    class ShopState(ModuleState):
        def _module(self) -> str:
            return CODE

        @rx.event
        def archive(self, product_id: str):
            return self._run("shop.manage", lambda session, actor: service.archive(
                session, actor, parse_id(product_id)), done="shop.archived")
"""

from tochka_app.state.session import SessionState


class ModuleState(SessionState):
    def _module(self) -> str | None:
        raise NotImplementedError("a module state names its module code")
