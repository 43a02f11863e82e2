from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "thads.audit"
    label = "audit"
    verbose_name = _("Nhật ký kiểm toán")

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth import signals

        from thads.audit import receivers
        from thads.permissions import Role
        from thads.permissions import register_role_permissions

        signals.user_logged_in.connect(receivers.on_user_logged_in, dispatch_uid="audit.login")
        signals.user_logged_out.connect(receivers.on_user_logged_out, dispatch_uid="audit.logout")
        signals.user_login_failed.connect(
            receivers.on_user_login_failed, dispatch_uid="audit.login_failed"
        )
        user_locked_out.connect(receivers.on_user_locked_out, dispatch_uid="audit.locked_out")
        register_role_permissions(
            {
                Role.MINISTRY_LEADER: {"audit.view_auditevent"},
                Role.PROVINCIAL_HEAD: {"audit.view_auditevent"},
                Role.OFFICE_HEAD: {"audit.view_auditevent"},
                Role.SYSADMIN: {"audit.view_auditevent", "audit.view_auditchainhead"},
            }
        )
