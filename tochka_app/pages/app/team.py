import reflex as rx

from tochka_app import routes
from tochka_app.components.app_layout import app_page
from tochka_app.components.confirm import confirm_button
from tochka_app.components.forms import form_error
from tochka_app.components.table import actions_cell, actions_header, table
from tochka_app.pages.app.overview import role_label
from tochka_app.pages.app.team_state import TeamState as S
from tochka_app.services.permissions import Permission
from tochka_app.state.i18n import I18nState
from tochka_app.state.session import can

T = I18nState.t
CAN_INVITE = can(Permission.invite_members)
CAN_MANAGE = can(Permission.change_roles)
IS_OWNER = can(Permission.transfer_ownership)


def invite_form() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(T["team.invite_title"], size="3"),
                rx.flex(
                    rx.input(
                        name="phone",
                        id="invite-phone",
                        type="tel",
                        placeholder="+7 900 123-45-67",
                        default_value=S.invite_phone,
                        key=S.invite_key.to_string(),
                        max_length=32,
                        flex="1",
                        min_width="200px",
                    ),
                    rx.select.root(
                        rx.select.trigger(id="invite-role"),
                        rx.select.content(
                            rx.select.item(T["app.role.staff"], value="staff"),
                            rx.select.item(T["app.role.admin"], value="admin"),
                        ),
                        name="role",
                        default_value="staff",
                    ),
                    rx.button(T["team.invite"], type="submit", id="invite-submit"),
                    spacing="2",
                    wrap="wrap",
                    width="100%",
                ),
                form_error(S, "phone", id="invite-error"),
                rx.cond(
                    S.seat_limit_hit,
                    rx.link(
                        T["app.usage.at_limit"],
                        href=routes.BILLING,
                        size="2",
                        class_name="upgrade-prompt",
                    ),
                ),
                rx.text(T["team.invite_hint"], size="1", color=rx.color("gray", 10)),
                spacing="2",
                width="100%",
            ),
            on_submit=S.send_invite,
            reset_on_submit=False,
        ),
        width="100%",
    )


def role_cell(member) -> rx.Component:
    editable = CAN_MANAGE & (member.role != "owner") & (~member.me)
    return rx.cond(
        editable,
        rx.select.root(
            rx.select.trigger(variant="ghost"),
            rx.select.content(
                rx.select.item(T["app.role.staff"], value="staff"),
                rx.select.item(T["app.role.admin"], value="admin"),
            ),
            value=member.role,
            on_change=lambda role: S.set_role(member.user_id, role),
            size="1",
        ),
        rx.badge(
            role_label(member.role),
            variant="soft",
            color_scheme=rx.cond(member.role == "owner", "grass", "gray"),
        ),
    )


def member_actions(member) -> rx.Component:
    return rx.hstack(
        rx.cond(
            CAN_MANAGE & (member.role != "owner") & (~member.me),
            confirm_button(
                T["team.remove"],
                T["team.remove_q"],
                S.remove(member.user_id),
                class_name="remove-member",
            ),
        ),
        rx.cond(
            IS_OWNER & (~member.me),
            confirm_button(
                T["team.make_owner"],
                T["team.transfer_q"],
                S.transfer(member.user_id),
                color_scheme="amber",
            ),
        ),
        spacing="2",
    )


def members_table() -> rx.Component:
    return table(
        rx.table.header(
            rx.table.row(
                rx.table.column_header_cell(T["team.name"]),
                rx.table.column_header_cell(T["team.phone"]),
                rx.table.column_header_cell(T["team.role"]),
                rx.table.column_header_cell(T["team.last_login"]),
                actions_header(),
            )
        ),
        rx.table.body(
            rx.foreach(
                S.members,
                lambda m: rx.table.row(
                    rx.table.cell(m.name),
                    rx.table.cell(m.phone),
                    rx.table.cell(role_cell(m)),
                    rx.table.cell(m.last_login),
                    actions_cell(member_actions(m)),
                    class_name="member-row",
                    data_phone=m.phone,
                ),
            )
        ),
        variant="surface",
        size="2",
        id="members-table",
    )


def invites_list() -> rx.Component:
    return rx.vstack(
        rx.heading(T["team.invites"], size="4"),
        rx.cond(
            S.invites.length() == 0,
            rx.text(T["team.empty_invites"], size="2", color=rx.color("gray", 11)),
        ),
        rx.foreach(
            S.invites,
            lambda i: rx.hstack(
                rx.text(i.phone, size="2"),
                rx.badge(role_label(i.role), variant="soft"),
                rx.text(i.expires, size="1", color=rx.color("gray", 10)),
                rx.cond(
                    CAN_INVITE,
                    rx.button(
                        T["team.revoke"],
                        size="1",
                        variant="ghost",
                        color_scheme="red",
                        on_click=S.revoke(i.id),
                    ),
                ),
                spacing="3",
                align="center",
                class_name="invite-row",
            ),
        ),
        spacing="2",
        width="100%",
    )


def rights_list() -> rx.Component:
    """Who may do what: the same table the server checks, with this workspace's modules."""
    return rx.vstack(
        rx.heading(T["team.rights"], size="4"),
        rx.text(T["team.rights_hint"], size="2", color=rx.color("gray", 11)),
        rx.grid(
            rx.foreach(
                S.rights,
                lambda right: rx.fragment(
                    rx.text(
                        right.label,
                        size="2",
                        class_name="right-label",
                        data_permission=right.permission,
                    ),
                    rx.badge(
                        role_label(right.role),
                        variant="soft",
                        width="fit-content",
                        color_scheme=rx.cond(right.role == "owner", "grass", "gray"),
                    ),
                ),
            ),
            columns="minmax(0, 1fr) auto",
            gap_x="16px",
            gap_y="6px",
            width="100%",
            max_width="640px",
            id="team-rights",
            align_items="center",
        ),
        spacing="2",
        width="100%",
    )


@app_page(routes.TEAM, title="title.team", on_load=S.load)
def team_page() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.vstack(
                rx.heading(T["team.title"], size="7"),
                rx.text(S.seats, size="2", color=rx.color("gray", 11), id="team-seats"),
                spacing="1",
            ),
            rx.cond(
                S.role != "owner",
                confirm_button(T["team.leave"], T["team.leave_q"], S.leave, id="leave-team"),
            ),
            justify="between",
            width="100%",
            align="end",
        ),
        rx.cond(CAN_INVITE, invite_form()),
        members_table(),
        rx.text(
            S.zone_text,
            size="1",
            color=rx.color("gray", 10),
            class_name="zone-note",
            margin_top="-12px",
        ),
        invites_list(),
        rights_list(),
        spacing="5",
        width="100%",
    )
