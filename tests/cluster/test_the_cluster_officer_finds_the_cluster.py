"""Issue 17: the cluster officer (a new role scope) signs in, finds the cluster from the home
page and the inbox, and sees the cluster's incoming proposals."""

from __future__ import annotations

import pytest
from django.test import Client

from planlink.accounts.models import Assignment, Role
from planlink.areas.models import ProvincialCluster
from tests.cluster.world import CLUSTER, run_cluster, run_provinces, two_province_road
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_cluster_officers_pages_open(reference_data):
    two_province_road()
    run_provinces("24", "20")
    run_cluster(auto_accept=False)
    lead = UserFactory(username="cluster14-home")
    Assignment.objects.create(
        user=lead, role=Role.CLUSTER_OFFICER, cluster=ProvincialCluster.objects.get(number=CLUSTER)
    )
    client = Client()
    client.force_login(lead)
    for path in ("/", "/inbox/", f"/clusters/{CLUSTER}/", "/tracker/"):
        assert client.get(path).status_code == 200, path
    home = client.get("/").content.decode()
    assert f"/clusters/{CLUSTER}/" in home
