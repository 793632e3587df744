from django.db import connection
from django.http import JsonResponse

from academy.accounts.access import public


@public
def healthz(request):
    """For load balancers: 200 when this process can reach the database, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 -- any failure to reach the database means unhealthy
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
