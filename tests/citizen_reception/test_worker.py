"""A real Celery worker on Redis renders and signs the acknowledgements after commit (the task
goes to the ``pdf`` queue by its name; ids only, JSON). The worker runs the base settings
(``var/media``, ``var/signing``)."""

import pytest

from citizen_reception.models import Petition
from tests.fixtures.celery import wait_for
from thads.audit.models import AuditEvent
from thads.documents.models import PublicToken

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def test_acknowledgements_are_signed_by_the_worker(celery_worker, receive_petition):
    petitions = [receive_petition(subject=f"Đơn số {n}") for n in range(3)]

    def done() -> bool:
        return (
            Petition.objects.filter(
                pk__in=[p.pk for p in petitions], acknowledgement_document__isnull=False
            ).count()
            == 3
        )

    wait_for(done, timeout=120, what="three acknowledgements signed")
    assert PublicToken.objects.filter(object_type="citizen_reception.petition").count() == 3
    assert AuditEvent.objects.filter(action="reception.acknowledgement_issued").count() == 3
    assert "citizen_reception.tasks.petition_acknowledgement_render_task" in (
        celery_worker.log_text()
    )
