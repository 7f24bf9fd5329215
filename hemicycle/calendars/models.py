"""Federation between Hemicycle instances: paired peers and the signed messages that travel between them.

Each parliament runs its own instance. Two instances pair by pinning each other's Ed25519 public key; from then
on every change travels as a signed message with a per-sender sequence number, pushed to the peer and kept in
our outbox so that a peer that was down can pull what it missed ("changes since token").
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hemicycle.people.models import Organization


class Peer(models.Model):
    """A partner's Hemicycle instance, trusted by its pinned Ed25519 public key."""

    name = models.CharField(_("name"), max_length=200)
    organization = models.ForeignKey(Organization, verbose_name=_("partner parliament"), on_delete=models.PROTECT,
                                     related_name="federation_peers")
    instance_id = models.CharField(_("instance identifier"), max_length=200, unique=True,
                                   help_text=_("The peer's own name for itself, e.g. kz.hemicycle.example"))
    base_url = models.URLField(_("address"), help_text=_("e.g. https://hemicycle.parliament.kz"))
    public_key = models.CharField(_("public key (Ed25519, base64)"), max_length=64)
    paired_at = models.DateTimeField(_("paired"), auto_now_add=True)
    last_seq_received = models.PositiveBigIntegerField(_("last sequence received"), default=0)
    last_contact_at = models.DateTimeField(_("last contact"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("federation peer")
        verbose_name_plural = _("federation peers")

    def __str__(self):
        return self.name


class OutboundMessage(models.Model):
    """A signed message to a peer, kept so that the peer can pull it again after an outage."""

    peer = models.ForeignKey(Peer, verbose_name=_("peer"), on_delete=models.CASCADE, related_name="outbox")
    seq = models.PositiveBigIntegerField(_("sequence"))
    method = models.CharField(_("iTIP method"), max_length=40)
    uid = models.CharField(_("calendar UID"), max_length=255, blank=True, db_index=True)
    envelope = models.JSONField(_("signed envelope"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbound message")
        verbose_name_plural = _("outbound messages")
        ordering = ["peer", "seq"]
        constraints = [models.UniqueConstraint(fields=["peer", "seq"], name="unique_outbound_seq")]

    def __str__(self):
        return f"{self.method} #{self.seq} → {self.peer}"


class InboundMessage(models.Model):
    """A message received from a peer, applied or refused (with the reason)."""

    class Outcome(models.TextChoices):
        APPLIED = "applied", _("applied")
        REFUSED = "refused", _("refused")

    peer = models.ForeignKey(Peer, verbose_name=_("peer"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="inbox")
    seq = models.PositiveBigIntegerField(_("sequence"), null=True, blank=True)
    method = models.CharField(_("iTIP method"), max_length=40, blank=True)
    uid = models.CharField(_("calendar UID"), max_length=255, blank=True)
    envelope = models.JSONField(_("envelope as received"))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("inbound message")
        verbose_name_plural = _("inbound messages")
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.method} #{self.seq} ← {self.peer} ({self.outcome})"
