"""Concurrent issuers of one series end with exactly 1..N, rollbacks included (PostgreSQL only)."""

import random
import threading

import pytest
from django.db import connection
from django.db import connections
from django.db import transaction

from thads.numbering.models import NumberSequence
from thads.numbering.selectors import number_check
from thads.numbering.services import number_next

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL"),
]

THREADS = 8
PER_THREAD = 25
SERIES = "QĐ-THADS"


class Spoiled(Exception):
    pass


def test_threads_with_random_rollbacks_leave_no_gap_and_no_duplicate(office):
    committed: list[int] = []
    rolled_back: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def issuer(seed: int) -> None:
        rng = random.Random(seed)
        try:
            start.wait(5)
            for _ in range(PER_THREAD):
                spoil = rng.random() < 0.2
                try:
                    with transaction.atomic():
                        number = number_next(office=office, series=SERIES, year=2026)
                        if spoil:
                            raise Spoiled
                except Spoiled:
                    with lock:
                        rolled_back.append(number)
                    continue
                with lock:
                    committed.append(number)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issuer, args=(seed,)) for seed in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    assert len(committed) + len(rolled_back) == THREADS * PER_THREAD
    assert rolled_back  # the seeds do roll some back
    assert sorted(committed) == list(range(1, len(committed) + 1))
    assert number_check(numbers=committed, last_number=len(committed)).ok
    assert NumberSequence.objects.get().last_number == len(committed)


def test_concurrent_first_use_creates_one_counter(office):
    numbers: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def first_issuer() -> None:
        try:
            start.wait(5)
            with transaction.atomic():
                numbers.append(number_next(office=office, series="26TAB", year=2026))
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first_issuer) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    assert sorted(numbers) == list(range(1, THREADS + 1))
    assert NumberSequence.objects.filter(series="26TAB").count() == 1
