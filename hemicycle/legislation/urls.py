from django.urls import path

from hemicycle.legislation.views import akn, bills, sittings

app_name = "legislation"
urlpatterns = [
    path("bills/", bills.bill_list, name="bill_list"),
    path("bills/<uuid:uuid>/", bills.bill_detail, name="bill"),
    path("bills/<uuid:uuid>/versions/<int:number>/", bills.version_detail, name="version"),
    path("bills/<uuid:uuid>/diff/", bills.bill_diff, name="diff"),
    path("bills/<uuid:uuid>/phrase/", bills.phrase_history, name="phrase"),
    path("amendments/<uuid:uuid>/", bills.amendment_detail, name="amendment"),
    path("sittings/", sittings.sitting_list, name="sitting_list"),
    path("sittings/<uuid:uuid>/", sittings.sitting_detail, name="sitting"),
    path("votes/<uuid:uuid>/", sittings.vote_detail, name="vote"),
]

# Akoma Ntoso documents are data: language-neutral addresses outside the language prefix.
akn_urlpatterns = [
    path("bills/<uuid:uuid>/versions/<int:number>.xml", akn.version_akn, name="version_akn"),
    path("amendments/<uuid:uuid>.xml", akn.amendment_akn, name="amendment_akn"),
    path("sittings/<uuid:uuid>.xml", akn.sitting_akn, name="sitting_akn"),
]
