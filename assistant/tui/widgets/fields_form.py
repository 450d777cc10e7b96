"""Sections A, B and C as a form, each field checked as it is typed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static

from assistant.call import Call
from assistant.call.models import Field, Section
from assistant.draft.models import Proposal
from assistant.i18n import _
from assistant.review.findings import FieldCheck
from assistant.tui import services

HEADING_CLASSES = frozenset({"form-section", "section-intro", "form-group"})  # the classes compose gives headings
OTHER = "andere"
CONFIRMED = "ja"
PLACEHOLDERS = {
    "enterprise_number": "bv. 0123.456.749",
    "email": "bv. naam@organisatie.be",
    "phone": "bv. 09 123 45 67",
}


def intro_text(section: Section) -> Text:
    """A section's intro (the engagement) with its footnotes as links, readable in a Static."""
    plain = re.sub(r"\*([^*]+)\*", r"\1", section.intro)
    text = Text(re.sub(r"\[\^(\d+)\]", r"[\1]", plain).strip())
    for note in section.footnotes:
        text.append(f"\n[{note.number}] ")
        text.append(note.text, style=f"link {note.url}")
    return text


if TYPE_CHECKING:
    MixinBase = Widget
else:
    MixinBase = object  # as a real base, Widget's can_focus (False) would win over the field's own


class KeysInOrder(MixinBase):
    """A field that runs its own key bindings (Ctrl+U, Home, Backspace, Space…) as it reads the key. Textual
    runs them only once the key has bubbled up to the app, a message queue per level: a character typed right
    after it would be handled first, and after a move of the focus the binding would act on the next field."""

    async def _on_key(self, event: events.Key) -> None:
        if self.check_consume_key(event.key, event.character):
            return  # a character: the widget's own handler types it
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()  # not handled a second time by the widget's own handler
                return


class FieldInput(KeysInOrder, Input):
    pass


class FieldCheckbox(KeysInOrder, Checkbox):
    pass


class FieldSelect(KeysInOrder, Select[str]):
    pass


class FieldsForm(VerticalScroll):
    """Posts `FieldsForm.Edited` after every change and `FieldsForm.Entered` when the focus reaches another
    field (Tab, the mouse); shows each field's check under it."""

    # Priority: the focus moves as the app reads the key, so the keys typed right after it go to the next
    # field. Textual's own Tab binding (the screen's) runs only once the key has bubbled up to the app, after
    # those keys were sent to the field being left.
    BINDINGS = [
        Binding("tab", "app.focus_next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True),
    ]

    class Edited(Message):
        def __init__(self, field_id: str, value: str):
            super().__init__()
            self.field_id, self.value = field_id, value

    class Entered(Message):
        def __init__(self, field_id: str):
            super().__init__()
            self.field_id = field_id

    def __init__(self, call: Call, proposal: Proposal, read_only: bool, checks: dict[str, FieldCheck]):
        super().__init__(id="fields-form")
        self.call, self.proposal, self.read_only = call, proposal, read_only
        self.checks = checks  # shared with the screen: the navigator shows them too
        self.pending_focus: str | None = None

    def compose(self) -> ComposeResult:
        current_section = None
        current_group = None
        for fld in self.call.fields:
            if fld.section != current_section:
                current_section = fld.section
                section = self.call.section(fld.section)
                yield Static(section.title, classes="form-section")
                if section.intro:
                    yield Static(intro_text(section), classes="section-intro")
            if fld.group and fld.group != current_group:
                yield Static(fld.group, classes="form-group")
            current_group = fld.group
            with Vertical(classes="form-field", id=f"box-{self.dom_id(fld.id)}"):
                yield from self._field_widgets(fld)
                yield Static("", classes="field-message", id=f"msg-{self.dom_id(fld.id)}")

    @staticmethod
    def dom_id(field_id: str) -> str:
        return "f-" + field_id.replace(".", "-")

    def _field_widgets(self, fld: Field) -> ComposeResult:
        value = self.proposal.fields.get(fld.id, "")
        widget_id = self.dom_id(fld.id)
        if fld.kind == "fixed":
            yield Static(f"{fld.label}: {fld.value}")
            return
        if fld.kind == "confirmation":
            yield FieldCheckbox(
                fld.statement or _("Ik bevestig dit engagement namens de organisatie."),
                value=value == CONFIRMED,
                id=widget_id,
                disabled=self.read_only,
            )
            return
        label = fld.label + (" *" if fld.required else "")
        yield Label(label)
        if fld.kind == "choice":
            chosen, _colon, other = value.partition(":")
            in_list = chosen.strip() in fld.choices
            select_value = chosen.strip() if in_list else (OTHER if value else Select.NULL)
            yield FieldSelect(
                [(choice, choice) for choice in fld.choices],
                value=select_value,
                prompt=_("Kies…"),
                id=widget_id,
                disabled=self.read_only,
            )
            other_value = other.strip() if in_list else value
            other_input = FieldInput(
                other_value, placeholder=fld.other_label or _("Andere rechtsvorm"), id=f"{widget_id}-other", disabled=self.read_only
            )
            other_input.display = select_value == OTHER
            yield other_input
            return
        yield FieldInput(value, placeholder=PLACEHOLDERS.get(fld.kind, ""), id=widget_id, disabled=self.read_only)

    def on_mount(self) -> None:
        for fld in self.call.fields:
            if fld.kind != "fixed":
                self.show_check(fld.id, self.proposal.fields.get(fld.id, ""), quiet_when_empty=True)
        if self.pending_focus is not None:
            self.focus_field(self.pending_focus)
            self.pending_focus = None

    def _field_for(self, widget_id: str | None) -> Field | None:
        base = (widget_id or "").removesuffix("-other")
        return next((f for f in self.call.fields if self.dom_id(f.id) == base), None)

    def value_of(self, fld: Field) -> str:
        widget_id = self.dom_id(fld.id)
        if fld.kind == "confirmation":
            return CONFIRMED if self.query_one(f"#{widget_id}", Checkbox).value else ""
        if fld.kind == "choice":
            selected = self.query_one(f"#{widget_id}", Select).value
            other = self.query_one(f"#{widget_id}-other", Input)
            other.display = selected == OTHER
            if selected == Select.NULL:
                return ""
            if selected == OTHER:
                return f"{OTHER}: {other.value.strip()}" if other.value.strip() else OTHER
            return str(selected)
        return self.query_one(f"#{widget_id}", Input).value.strip()

    def _edited(self, widget_id: str | None) -> None:
        fld = self._field_for(widget_id)
        if fld is None or self.read_only:
            return
        value = self.value_of(fld)
        self.show_check(fld.id, value)
        self.post_message(self.Edited(fld.id, value))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._edited(event.input.id)

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._edited(event.select.id)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._edited(event.checkbox.id)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        fld = self._field_for(event.widget.id)
        # Not when the focus has moved on meanwhile (F4 F4 typed at once): the screen would go back to this field.
        if fld is not None and event.widget is self.screen.focused:
            self.post_message(self.Entered(fld.id))

    def on_input_blurred(self, event: Input.Blurred) -> None:
        """Leaving a field puts a valid value in its normal form (e.g. 0123.456.749)."""
        fld = self._field_for(event.input.id)
        check = self.checks.get(fld.id) if fld else None
        if fld is None or check is None or not check.ok or not check.normalized or fld.kind == "choice":
            return
        if event.input.value.strip() != check.normalized:
            event.input.value = check.normalized  # posts Changed, which stores it

    def show_check(self, field_id: str, value: str, quiet_when_empty: bool = False) -> None:
        check = services.check_field(self.call, field_id, value)
        message = self.query_one(f"#msg-{self.dom_id(field_id)}", Static)
        self.checks[field_id] = check
        quiet = quiet_when_empty and not value
        message.update("" if quiet else (check.warning if check.ok else check.message) or "")
        message.set_class(not check.ok and not quiet, "invalid")
        box = self.query_one(f"#box-{self.dom_id(field_id)}")
        box.set_class(not check.ok and not quiet, "invalid")

    def focus_field(self, field_id: str) -> None:
        boxes = self.query(f"#box-{self.dom_id(field_id)}")
        if not boxes:  # composed on first use: focus once the fields exist (on_mount)
            self.pending_focus = field_id
            return
        fld = self.call.field(field_id)
        box = boxes.first()
        if fld.kind != "fixed":
            # At once, not as Widget.focus does it (later, by a message to the app): the keys typed right after
            # F3/F4 go to this field.
            self.screen.set_focus(self.query_one(f"#{self.dom_id(field_id)}"), scroll_visible=False)
        # After layout, so a form built just now scrolls to the right place.
        self.call_after_refresh(self._scroll_to_field, box)

    def _scroll_to_field(self, box: Widget) -> None:
        """A field's box at the top of the view, with the section's or group's heading when the field starts one
        and both fit (the top does not depend on the view's height: centred, the place came out differently on
        a busy machine). A heading taller than that (the engagement above C. Bevestigd) is not the field: then
        the field at the bottom of the view, under the end of that text."""
        first = self._with_headings(box)
        bottom = box.virtual_region_with_margin.bottom
        view = self.scrollable_content_region.height
        if bottom - first.virtual_region_with_margin.y <= view:
            self.scroll_to_widget(first, animate=False, top=True)
        else:
            self.scroll_to(y=bottom - view, animate=False)

    def _with_headings(self, box: Widget) -> Widget:
        """The first of the headings (section, its intro, group) right above a field's box, or the box."""
        siblings = list(self.children)
        first = siblings.index(box)
        while first > 0 and not HEADING_CLASSES.isdisjoint(siblings[first - 1].classes):
            first -= 1
        return siblings[first]
