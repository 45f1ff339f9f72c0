"""Retries a failed task immediately instead of sending it to the back of the queue."""


def run_worker(tasks, handler, batch_size, max_retries):
    done, dead = [], []
    for task in tasks:
        for attempt in range(max_retries + 1):
            if handler(task):
                done.append(task)
                break
        else:
            dead.append(task)
    return done, dead
