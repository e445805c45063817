from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/login/code/", views.login_code, name="login_code"),
    path("accounts/otp/", views.otp_setup, name="otp_setup"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("history/<int:content_type_id>/<str:object_id>/", views.history, name="history"),
    path("due/", views.due, name="due"),
    path("calendar/", views.calendar_year, name="calendar"),
    path("calendar/set/", views.calendar_set, name="calendar_set"),
    path("calendar/remove/", views.calendar_remove, name="calendar_remove"),
]
