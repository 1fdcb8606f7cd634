from django.urls import path

from planlink.jobs import views

app_name = "jobs"

urlpatterns = [
    path("<int:job_id>/status/", views.job_status_json, name="status"),
    path("<int:job_id>/progress/", views.job_progress, name="progress"),
    path("<int:job_id>/result/", views.job_result, name="result"),
]
