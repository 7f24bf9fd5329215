from django.urls import path

from hemicycle.cooperation.feeds_press import PressReleaseAtomFeed, PressReleaseRssFeed
from hemicycle.cooperation.views import feeds, programmes, records
from hemicycle.legislation.views.sittings import body_sittings_ics

app_name = "cooperation"
urlpatterns = [
    path("partnerships/", records.partnership_list, name="partnership_list"),
    path("partnerships/<uuid:uuid>/", records.partnership_detail, name="partnership"),
    path("partnerships/<uuid:uuid>/commitments/", records.commitment_list, name="commitments"),
    path("partnerships/<uuid:uuid>/briefing/", records.briefing, name="briefing"),
    path("partnerships/<uuid:uuid>/commitments.csv", programmes.commitments_csv, name="commitments_csv"),
    path("commitments/overdue/", records.overdue_commitments, name="overdue"),
    path("meetings/<uuid:uuid>/", records.meeting_detail, name="meeting"),
    path("press/", records.press_release_list, name="press_releases"),
    path("press/<uuid:uuid>/", records.press_release_detail, name="press_release"),
    path("press/feed.rss", PressReleaseRssFeed(), name="press_rss"),
    path("press/feed.atom", PressReleaseAtomFeed(), name="press_atom"),
    path("agreements/<uuid:uuid>/", records.agreement_detail, name="agreement"),
    path("programmes/<uuid:uuid>/", programmes.programme_detail, name="programme"),
    path("programmes/<uuid:uuid>/print/", programmes.programme_print, name="programme_print"),
    path("programmes/<uuid:uuid>/versions/", programmes.programme_versions, name="programme_versions"),
    path("programmes/<uuid:uuid>/diff/", programmes.programme_diff, name="programme_diff"),
    path("programmes/<uuid:uuid>/implementation/", programmes.programme_implementation,
         name="programme_implementation"),
    path("programmes/<uuid:uuid>/programme.csv", programmes.programme_csv, name="programme_csv"),
    path("programmes/<uuid:uuid>/activities.csv", programmes.activities_csv, name="activities_csv"),
    path("activities/<uuid:uuid>/", programmes.activity_detail, name="activity"),
]

# Calendar feeds live outside the language prefix: a calendar client subscribes once, whatever its language.
feed_urlpatterns = [
    path("partnerships/<uuid:uuid>.ics", feeds.partnership_ics, name="partnership_ics"),
    path("programmes/<uuid:uuid>.ics", feeds.programme_ics, name="programme_ics"),
    path("bodies/<uuid:uuid>.ics", feeds.body_ics, name="body_ics"),
    path("bodies/<uuid:uuid>/sittings.ics", body_sittings_ics, name="body_sittings_ics"),
    path("people/<uuid:uuid>.ics", feeds.person_ics, name="person_ics"),
]
