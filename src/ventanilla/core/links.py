"""Links to the current page with one more query parameter (a page number, a facet group)."""


def current_url_prefix(request) -> str:
    """This page's URL without its page number, ending where one more parameter can follow
    ("/tramites/?q=agua&" or "/tramites/?"). A page builds a dozen such links: the query string
    is encoded once per request."""
    prefix = getattr(request, "_ventanilla_url_prefix", None)
    if prefix is None:
        params = request.GET.copy()
        params.pop("page", None)
        rest = params.urlencode()
        prefix = request._ventanilla_url_prefix = f"{request.path}?{rest}&" if rest else f"{request.path}?"
    return prefix
