"""Lists are paged as in the VNG ZGW APIs: {count, next, previous, results}; ?page=N&pageSize=M."""

from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "pageSize"
    max_page_size = 500
    page_query_param = "page"
    page_query_description = "Paginanummer (vanaf 1)."
    page_size_query_description = "Aantal resultaten per pagina (standaard 100, hoogstens 500)."

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:
            raise NotFound(f"Pagina '{request.query_params.get(self.page_query_param)}' bestaat niet.") from exc
