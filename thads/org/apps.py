from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "thads.org"
    label = "org"
    verbose_name = _("Tổ chức, người dùng và vai trò")

    def ready(self) -> None:
        from thads.org import seed
        from thads.org.services import roles_sync
        from thads.permissions import Role
        from thads.permissions import register_role_permissions

        register_role_permissions(
            {
                Role.MINISTRY_LEADER: {"org.view_office", "org.view_user"},
                Role.PROVINCIAL_HEAD: {"org.view_office", "org.view_user"},
                Role.OFFICE_HEAD: {"org.view_office", "org.view_user"},
                Role.SYSADMIN: {
                    "org.view_office",
                    "org.change_office",
                    "org.view_user",
                    "org.add_user",
                    "org.change_user",
                },
            }
        )
        seed.register()

        def _sync(sender: AppConfig, **kwargs: object) -> None:
            # After the last app migrates, every permission exists: bring the role groups in line.
            if sender.label == "ioc_dashboard":
                roles_sync(using=kwargs.get("using", "default"))

        post_migrate.connect(_sync, dispatch_uid="org.roles_sync")
