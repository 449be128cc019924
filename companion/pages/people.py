"""A change of person on a shared phone: nothing the last person typed or opened is left for the next."""

from companion.assessment.answers import forget_answers
from companion.checklist.on_device import close_here, current_notebook, forget_person_list, own_notebook_code
from companion.directory.lookups import forget_last_place
from companion.web.sealed_session import new_csrf_token


def forget_what_was_typed():
    """Answers in progress, the last place searched and a list not yet handed over (guide mode); and the CSRF
    token of the pages shown so far."""
    forget_answers()
    forget_last_place()
    forget_person_list()
    new_csrf_token()


def start_next_person(response):
    """Everything above, and any notebook still open on this phone (its cookie and offline copy)."""
    forget_what_was_typed()
    return close_here(response)


def closing_asked_first() -> bool:
    """Starting afresh would close a notebook (the person's list not handed over, or the phone's own, hidden in
    guide mode): as anywhere a notebook is closed, it is asked first, with its code shown once more."""
    return current_notebook() is not None or own_notebook_code() is not None
