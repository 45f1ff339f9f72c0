# caught by: scaling
"""Correct answers, but compares every record with every kept record: quadratic."""


def dedupe(sources):
    kept = []
    for records in sources:
        for record in records:
            email = (record.get("email") or "").strip().lower()
            if not email:
                continue
            for i, (other_email, other) in enumerate(kept):
                if other_email == email:
                    if record["updated"] > other["updated"]:
                        kept[i] = (email, record)
                    break
            else:
                kept.append((email, record))
    return [record for _, record in sorted(kept, key=lambda pair: pair[0])]
