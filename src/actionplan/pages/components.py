"""GOV.UK components rendered from templates compiled once per process instead of on every call.

govuk-frontend-django builds a new Jinja environment and compiles the component's template each time a
component is rendered (``GovUKComponent.render``), which was most of the time a page took. ``install()``
replaces that method with one that keeps one environment, configured as the library configures it, each
compiled template, and the HTML of the components rendered most recently, so the HTML is the same byte for
byte (tests/web/test_components.py checks every page).
"""

from __future__ import annotations

import functools
import pickle
from typing import Any

from django.utils.safestring import SafeString
from govuk_frontend_django.components.base import GovUKComponent
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, Template, select_autoescape

# The library's own method, kept so the test can render the same components the uncached way.
library_render = GovUKComponent.render


@functools.cache
def _environment() -> Environment:
    # The macros ship inside an installed package and never change while the process runs, so their
    # files need not be looked at again on every import (auto_reload) as the library's fresh environment does.
    loader = ChoiceLoader([PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})])
    return Environment(loader=loader, autoescape=select_autoescape(), auto_reload=False)


@functools.cache
def _template(source: str) -> Template:
    return _environment().from_string(source)


def _without_none(data: Any) -> None:
    """Drop every key whose value is None, at any depth, as the library does before rendering."""
    if isinstance(data, list):
        for item in data:
            _without_none(item)
    elif isinstance(data, dict):
        for key, value in list(data.items()):
            if value is None:
                del data[key]
            else:
                _without_none(value)


def cached_render(
    self: GovUKComponent,
    template_name: str | None = None,
    context: dict[str, Any] | None = None,
    renderer: object = None,
    component_data: dict[str, Any] | None = None,
) -> SafeString:
    """The library's ``render``, with the environment and compiled template reused."""
    data = self.__dict__.copy()
    if component_data:
        data.update(component_data)
    _without_none(data)
    source = self.build_jinja_template()
    try:
        # Pickled, the data keeps the types that decide escaping (SafeString or str), so equal keys render alike.
        key = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return SafeString(_template(source).render(data=data))
    return SafeString(_rendered(source, key))


# The same component with the same data (a filter's long list of establishments, a header) is rendered
# once per process; the most recently used are kept.
@functools.lru_cache(maxsize=512)
def _rendered(source: str, key: bytes) -> str:
    return _template(source).render(data=pickle.loads(key))  # noqa: S301 - our own bytes, made just above


def install() -> None:
    """Make every GOV.UK component (template tags, and the form fields of govuk_forms) use ``cached_render``."""
    GovUKComponent.render = cached_render  # type: ignore[method-assign]
    # ``__str__`` and ``__html__`` were bound to the library's function when its class was made.
    GovUKComponent.__str__ = cached_render  # type: ignore[method-assign,assignment]
    GovUKComponent.__html__ = cached_render


def uninstall() -> None:
    """Put the library's own rendering back (the byte-for-byte comparison renders pages both ways)."""
    GovUKComponent.render = library_render  # type: ignore[method-assign]
    GovUKComponent.__str__ = library_render  # type: ignore[method-assign,assignment]
    GovUKComponent.__html__ = library_render
