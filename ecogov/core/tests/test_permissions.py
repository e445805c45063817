"""Jurisdiction scoping through the one restricted read path."""

from django.contrib.auth.models import AnonymousUser

from ecogov.core.errors import PermissionRefused
from ecogov.core.models import Jurisdiction, User
from ecogov.core.permissions import require, require_object, role_allows


def codes(qs):
    return sorted(j.code for j in qs)


def test_district_user_sees_only_its_subtree(tree, district_a_user):
    assert codes(Jurisdiction.objects.for_user(district_a_user)) == ["369902", "369902001", "369902001001"]


def test_city_staff_and_superuser_see_everything(tree, officer, admin_user):
    assert Jurisdiction.objects.for_user(officer).count() == 7
    assert Jurisdiction.objects.for_user(admin_user).count() == 7


def test_anonymous_and_enterprise_users_see_no_jurisdiction(tree, make_user):
    assert not Jurisdiction.objects.for_user(AnonymousUser()).exists()
    ent = make_user("enterprise", tree["grid_a"])
    assert not Jurisdiction.objects.for_user(ent).exists()


def test_role_without_action_gets_nothing(tree, make_user):
    street = make_user("street", tree["street_a"])
    assert not role_allows("street", "approve")
    assert not Jurisdiction.objects.for_user(street, "approve").exists()
    try:
        require(street, "approve")
    except PermissionRefused as exc:
        assert exc.status == 403
    else:  # pragma: no cover
        raise AssertionError("street staff may not approve")


def test_user_list_is_scoped_too(tree, district_a_user, make_user):
    other = make_user("street", tree["street_b"])
    visible = User.objects.for_user(district_a_user)
    assert district_a_user in visible and other not in visible


def test_require_object_refuses_out_of_scope(tree, district_a_user):
    require_object(district_a_user, tree["street_a"], "view")
    try:
        require_object(district_a_user, tree["street_b"], "view")
    except PermissionRefused:
        pass
    else:  # pragma: no cover
        raise AssertionError("district A must not reach district B")
