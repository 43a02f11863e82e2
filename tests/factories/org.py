"""Factories for provinces, offices and staff."""

import factory
from django.contrib.auth.models import Group

from thads.org.models import Office
from thads.org.models import Province
from thads.org.models import User
from thads.org.services import roles_sync
from thads.permissions import Role


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: 100 + n)
    codename = factory.LazyAttribute(lambda o: f"tinh_{o.code}")
    name = factory.LazyAttribute(lambda o: f"Tỉnh Thử {o.code}")
    division_type = "tỉnh"


class CentralOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ("code",)

    code = "CQL"
    name = "Cục Quản lý thi hành án dân sự"
    level = Office.Level.CENTRAL


class ProvincialOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ("code",)

    province = factory.SubFactory(ProvinceFactory)
    code = factory.LazyAttribute(lambda o: f"T{o.province.code:02d}")
    name = factory.LazyAttribute(lambda o: f"Thi hành án dân sự {o.province.name}")
    level = Office.Level.PROVINCIAL
    parent = factory.SubFactory(CentralOfficeFactory)


class RegionalOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ("code",)

    parent = factory.SubFactory(ProvincialOfficeFactory)
    province = factory.LazyAttribute(lambda o: o.parent.province)
    code = factory.LazyAttribute(lambda o: f"{o.parent.code}-KV{o.number:02d}")
    name = factory.LazyAttribute(lambda o: f"Phòng THADS khu vực {o.number} - {o.province.name}")
    level = Office.Level.REGIONAL

    class Params:
        number = factory.Sequence(lambda n: n + 1)


class UserFactory(factory.django.DjangoModelFactory):
    """A staff account; pass ``role`` and ``office``. The password is ``matkhau-thu-nghiem``."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"canbo{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    office = factory.SubFactory(RegionalOfficeFactory)
    role = Role.ENFORCEMENT_OFFICER
    password = factory.django.Password("matkhau-thu-nghiem")

    @factory.post_generation
    def role_group(obj, create, extracted, **kwargs):
        if create and obj.role:
            group = Group.objects.filter(name=obj.role).first()
            if group is None:
                # A transactional test's flush emptied the groups: rebuild them with their perms.
                roles_sync()
                group = Group.objects.get(name=obj.role)
            obj.groups.add(group)
