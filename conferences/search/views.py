from django.shortcuts import render

from conferences.search.search import Query, parse, search
from conferences.search.sync import ensure_fresh


def search_page(request):
    """/search/?q=…: the published sessions, people and organisations that match every word."""
    ensure_fresh()  # a write made outside a transaction in this process (see conferences/search/sync.py)
    query = parse(request.GET.get("q", "")) if "q" in request.GET else Query()
    results = search(query) if query.searchable else None
    return render(request, "search.html", {"query": query, "results": results})
