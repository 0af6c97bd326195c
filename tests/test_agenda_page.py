"""Editions whose documents give no times (2017) or no days (2021) read naturally: one sentence
says so at the top instead of "Time not given" on every card, and Vienna time is mentioned only
where there are times. Side events are marked the same way everywhere on the agenda, and not
on every card of the side-events page, which says it already."""

import re

import pytest

from .html import visible_text

pytestmark = pytest.mark.django_db


def test_2017_has_no_times_and_says_so_once(client, all_editions):
    text = visible_text(client.get("/2017/agenda/"))
    assert "The documents give no times, so the sessions are listed by day in programme order." in text
    assert "Time not given" not in text
    assert "Vienna time" not in text
    assert "Day 1 Monday, 23 October 2017" in text
    html = client.get("/2017/agenda/").content.decode()
    assert "agenda-now.js" not in html  # nothing to mark without times
    assert "sessions--untimed" in html


def test_2017_side_events_say_no_day_or_time_and_no_vienna_time(client, all_editions):
    text = visible_text(client.get("/2017/side-events/"))
    assert "The documents give no day or time for the side events" in text
    assert "Vienna time" not in text and "Time not given" not in text and "Day not given" not in text


def test_2021_gives_one_sentence_not_a_day_not_given_heading(client, all_editions):
    text = visible_text(client.get("/2021/agenda/"))
    assert "The programme of Vienna Migration Conference 2021." in text
    assert (
        "The documents give no day or time for the sessions, so they are listed in programme order." in text
    )
    assert "Day not given" not in text and "Time not given" not in text
    assert "Vienna time" not in text
    assert "Eve of the conference Monday, 18 October 2021" in text
    assert "The conference 19–20 October 2021 Opening Opening sessions" in text


def test_2024_has_times_in_vienna_time_and_the_now_script(client, all_editions):
    response = client.get("/2024/agenda/")
    text = visible_text(response)
    assert "All times are Vienna time (CET/CEST)." in text
    html = response.content.decode()
    assert re.search(r'<script src="/static/js/agenda-now\.js" defer></script>', html)
    assert 'data-start="2024-10-22T09:30:00+02:00" data-end="2024-10-22T09:50:00+02:00"' in html
    assert "<script>" not in html  # no inline script (CSP)


def test_the_footer_no_longer_claims_vienna_times(client, all_editions):
    assert "Vienna local time" not in visible_text(client.get("/2017/"))


def test_every_side_event_on_the_agenda_carries_the_same_mark(client, all_editions):
    html = client.get("/2024/agenda/").content.decode()
    side_cards = re.findall(r'<li class="session session--side".*?</li>', html, re.S)
    assert len(side_cards) == 4
    for card in side_cards:
        assert '<span class="tag tag--side">Side event</span>' in card
    brink = next(card for card in side_cards if "On the brink of a new era" in card)
    assert "Side event" in brink


def test_the_side_events_page_does_not_mark_every_card(client, all_editions):
    html = client.get("/2024/side-events/").content.decode()
    assert "tag--side" not in html and "session--side" not in html
    assert "Times are Vienna time" not in visible_text(client.get("/2024/side-events/"))


def test_session_page_has_no_kicker_repeating_the_breadcrumb(client, all_editions):
    response = client.get("/2024/sessions/ten-building-blocks-for-the-pact/")
    text = visible_text(response)
    assert "Agenda › Armchair conversation Ten building blocks for the Pact" in text
    html = response.content.decode()
    assert '<span class="nowrap session-page__time">11:10–11:50</span>' in html
    assert 'class="session-aside"' in html


def test_untimed_session_page_does_not_say_time_not_given(client, all_editions):
    text = visible_text(client.get("/2017/sessions/opening/"))
    assert "Monday, 23 October 2017" in text
    assert "time not given" not in text.lower() and "Vienna time" not in text
