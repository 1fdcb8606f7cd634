"""Routes of the web application (Thai pages; ``/tracker/`` is public)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from planlink.web.views import (
    areas,
    audit,
    committees,
    documents,
    forum,
    home,
    inbox,
    jobs,
    plans,
    public_title,
    review,
    tracker,
)
from planlink.web.views import carryover as carryover_views
from planlink.web.views import clusters as cluster_views
from planlink.web.views import revisions as revision_views
from planlink.web.views import supply as supply_views
from planlink.web.views import whatif as whatif_views

urlpatterns = [
    path("", home.home, name="home"),
    path("accounts/login/", home.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("plans/start/", home.plan_start, name="plan_start"),
    path("plans/<int:plan_id>/", plans.plan_detail, name="plan"),
    path("plans/<int:plan_id>/projects/new/", plans.project_new, name="project_new"),
    path("plans/<int:plan_id>/submit/", plans.plan_send, name="plan_submit"),
    path("plans/<int:plan_id>/review-decision/", plans.plan_review, name="plan_review"),
    path("plans/<int:plan_id>/forum/", forum.forum, name="forum"),
    path("plans/<int:plan_id>/documents/", documents.plan_documents, name="plan_documents"),
    path("plans/<int:plan_id>/book.<str:file_format>", documents.plan_book, name="plan_book"),
    path("plans/<int:plan_id>/book/job/", documents.plan_book_job, name="plan_book_job"),
    path(
        "plans/<int:plan_id>/projects.xlsx", documents.plan_projects_xlsx, name="plan_projects_xlsx"
    ),
    path("plans/<int:plan_id>/template.xlsx", documents.plan_template, name="plan_template"),
    path("plans/<int:plan_id>/import/", documents.plan_import, name="plan_import"),
    path("plans/<int:plan_id>/consolidation/", review.review, name="review"),
    path("plans/<int:plan_id>/consolidation/act/", review.review_action, name="review_action"),
    path("plans/<int:plan_id>/send/", inbox.plan_send_projects, name="plan_send_projects"),
    path(
        "plans/<int:plan_id>/revisions/", revision_views.plan_revision_list, name="plan_revisions"
    ),
    path(
        "plans/<int:plan_id>/revisions/<int:revision_id>/",
        revision_views.plan_revision_detail,
        name="plan_revision",
    ),
    path("projects/<int:project_id>/", plans.project_detail, name="project"),
    path("projects/<int:project_id>/edit/", plans.project_edit, name="project_edit"),
    path("projects/<int:project_id>/delete/", plans.project_remove, name="project_delete"),
    path(
        "projects/<int:project_id>/public-title/",
        public_title.project_public_title,
        name="project_public_title",
    ),
    path("inbox/", inbox.inbox, name="inbox"),
    path("referrals/<int:referral_id>/decide/", inbox.referral_decision, name="referral_decide"),
    path(
        "consolidate/<str:level>/<str:area_code>/",
        review.consolidation_run,
        name="consolidation_run",
    ),
    path("district/<str:code>/", areas.district, name="district"),
    path("committees/<str:code>/", committees.committees, name="committees"),
    path("province/<str:code>/", areas.province, name="province"),
    path("province/<str:code>/frame/", areas.frame_editor, name="frame"),
    path("province/<str:code>/agencies/", areas.agency_referrals, name="province_agency_referrals"),
    path("clusters/<int:number>/", cluster_views.cluster_page, name="cluster"),
    path("clusters/<int:number>/frame/", cluster_views.cluster_frame, name="cluster_frame"),
    path("clusters/<int:number>/run/", cluster_views.cluster_run, name="cluster_run"),
    path(
        "clusters/<int:number>/map.json",
        cluster_views.cluster_map_values,
        name="cluster_map_values",
    ),
    path("work/jobs/<int:job_id>/", jobs.job_page, name="job"),
    path("audit/", audit.audit_trail, name="audit"),
    path("audit/<str:object_type>/<str:object_id>/", audit.audit_object, name="audit_object"),
    path("supply/", supply_views.supply_items, name="supply"),
    path("supply/upload/", supply_views.supply_upload, name="supply_upload"),
    path("supply/review/", supply_views.supply_review, name="supply_review"),
    path("supply/<int:item_id>/decide/", supply_views.supply_decide, name="supply_decide"),
    # issue 18: unfunded needs carried into the next cycle; the budget what-if
    path("carry-over/", carryover_views.carry_over_page, name="carry_over"),
    path("carry-over/run/", carryover_views.carry_over_run, name="carry_over_run"),
    path(
        "carry-over/<int:carry_id>/decide/",
        carryover_views.carry_over_decide,
        name="carry_over_decide",
    ),
    path("whatif/", whatif_views.whatif_page, name="whatif"),
    path("whatif/save/", whatif_views.whatif_save, name="whatif_save"),
    path("whatif/compare/", whatif_views.whatif_compare, name="whatif_compare"),
    path("whatif/<int:scenario_id>/", whatif_views.whatif_scenario, name="whatif_scenario"),
    path(
        "whatif/<int:scenario_id>.xlsx",
        whatif_views.whatif_scenario_xlsx,
        name="whatif_scenario_xlsx",
    ),
    path("tracker/", tracker.tracker, name="tracker"),
    path("tracker/map.json", tracker.tracker_map_values, name="tracker_map_values"),
    path("tracker/funnel.json", tracker.tracker_funnel, name="tracker_funnel"),
    path("tracker/needs/<int:project_id>/", tracker.tracker_need, name="tracker_need"),
    path("tracker/<str:area_code>/", tracker.tracker, name="tracker_area"),
    path(
        "tracker/<str:area_code>/tambons.geojson",
        tracker.district_shapes,
        name="tracker_district_shapes",
    ),
    path(
        "tracker/<str:area_code>/map.json",
        tracker.tracker_map_values,
        name="tracker_map_values_area",
    ),
    path(
        "tracker/<str:area_code>/funnel.json",
        tracker.tracker_funnel,
        name="tracker_funnel_area",
    ),
]
