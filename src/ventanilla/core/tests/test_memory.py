"""The served process freezes its long-lived objects out of the garbage collector's way."""

import gc

from django.core.signals import request_finished
from django.db import close_old_connections

from ventanilla.core import memory


def test_the_process_freezes_at_load_and_once_more_after_its_first_requests():
    gc.unfreeze()
    # Only the requests' end matters here, not the database connections (as Django's test client).
    request_finished.disconnect(close_old_connections)
    try:
        memory.freeze_now_and_after_warm_up(requests=3)
        at_load = gc.get_freeze_count()
        assert at_load > 0
        loaded_later = [[number] for number in range(1000)]  # what the first requests load
        request_finished.send(sender=None)
        request_finished.send(sender=None)
        # Not yet (a frozen object is still freed when nothing refers to it: the count may drop).
        assert gc.get_freeze_count() <= at_load
        request_finished.send(sender=None)
        assert gc.get_freeze_count() > at_load + len(loaded_later) / 2
        # Done: the receiver is gone, so later requests pay nothing for it.
        assert not request_finished.disconnect(dispatch_uid=memory._DISPATCH_UID)
        request_finished.send(sender=None)
    finally:
        request_finished.disconnect(dispatch_uid=memory._DISPATCH_UID)
        request_finished.connect(close_old_connections)
        gc.unfreeze()
