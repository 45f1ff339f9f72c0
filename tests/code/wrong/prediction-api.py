"""Accepts booleans as numbers and does not limit the batch size."""


def handle(request):
    if request.get("method") != "POST":
        return {"status": 405, "error": "method not allowed"}
    body = request.get("body")
    if not isinstance(body, dict) or "instances" not in body:
        return {"status": 400, "error": "missing instances"}
    instances = body["instances"]
    if not isinstance(instances, list) or not instances:
        return {"status": 400, "error": "instances must be a non-empty list"}
    for i, row in enumerate(instances):
        if (
            not isinstance(row, list)
            or len(row) != 3
            or not all(isinstance(x, (int, float)) for x in row)
        ):
            return {"status": 422, "error": f"instance {i} must be 3 numbers"}
    return {"status": 200, "scores": [0.5 + 2.0 * a - 1.0 * b + 0.25 * c for a, b, c in instances]}
